using System.Collections.Concurrent;
using System.IO.Hashing;

namespace ClassifyRpc.Imaging;

/// <summary>
/// Fingerprints of work images keyed by a content hash of their bytes (XxHash128), so a registry reload
/// does not hash unchanged files again. Thread-safe.
/// </summary>
/// <remarks>
/// Entries are never evicted: a registry holds a bounded set of works, each fingerprint is a few hundred
/// bytes, and keeping a file's fingerprint after it leaves the registry costs less than re-hashing it when
/// it returns. Decode failures are not cached: the loader reports them, and a fixed file has new bytes.
/// </remarks>
public sealed class WorkHashCache
{
    private readonly ConcurrentDictionary<UInt128, WorkFingerprint> _fingerprints = new();

    public WorkHashCache(ImageProber prober)
    {
        ArgumentNullException.ThrowIfNull(prober);
        Prober = prober;
    }

    public ImageProber Prober { get; }

    /// <summary>Number of distinct files fingerprinted so far.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>The cached fingerprint of these bytes, computing it on a miss. Throws <see cref="ImageDecodeException"/>.</summary>
    public WorkFingerprint GetOrCompute(ReadOnlySpan<byte> encoded)
    {
        UInt128 key = XxHash128.HashToUInt128(encoded);
        if (_fingerprints.TryGetValue(key, out WorkFingerprint? cached))
        {
            return cached;
        }
        // Two threads loading the same new file may both compute it; the results are equal and one wins.
        WorkFingerprint computed = Prober.FingerprintWork(encoded);
        return _fingerprints.GetOrAdd(key, computed);
    }
}
