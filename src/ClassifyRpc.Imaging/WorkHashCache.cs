using System.Collections.Concurrent;
using System.IO.Hashing;
using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Imaging;

/// <summary>
/// Fingerprints of work images keyed by a content hash of their bytes (XxHash128), so a registry reload
/// does not hash unchanged files again, and, given a folder, neither does a restart. Thread-safe.
/// </summary>
/// <remarks>
/// Entries are never evicted: a registry holds a bounded set of works, each fingerprint is a few KB, and
/// keeping a file's fingerprint after it leaves the registry costs less than re-hashing it when it
/// returns (to clear the folder, delete it). Decode failures are not cached: the loader reports them, and a
/// fixed file has new bytes.
/// <para>
/// On disk (see <see cref="FingerprintStore"/>) an entry is used only if its format version, the prober's
/// stamp (<see cref="ImageProber.WorkFingerprintVersion"/>, options, limits), its key and its checksum all
/// check out; anything else is computed again and rewritten. The disk is an optimisation, never a
/// requirement: a folder that cannot be created or written to is reported through the warning callback
/// once, and the cache goes on in memory.
/// </para>
/// </remarks>
public sealed class WorkHashCache
{
    private readonly ConcurrentDictionary<UInt128, WorkFingerprint> _fingerprints = new();
    private readonly FingerprintStore? _store;
    private readonly Action<string>? _warn;
    private int _computed;
    private int _readFromDisk;
    private int _writesStopped;

    /// <summary>A cache in memory only.</summary>
    public WorkHashCache(ImageProber prober)
        : this(prober, null, null)
    {
    }

    /// <summary>A cache kept in <paramref name="folder"/> (created if missing) as well as in memory; null
    /// keeps it in memory only. <paramref name="warn"/> hears, in one line each, why the folder is not used
    /// (it cannot be created or written to) or stopped being written to.</summary>
    public WorkHashCache(ImageProber prober, string? folder, Action<string>? warn)
        : this(prober, folder, warn, prober?.WorkFingerprintStamp ?? 0)
    {
    }

    /// <summary>As the public constructor, with the stamp stored fingerprints must carry (tests play another
    /// prober version with it).</summary>
    internal WorkHashCache(ImageProber prober, string? folder, Action<string>? warn, ulong stamp)
    {
        ArgumentNullException.ThrowIfNull(prober);
        Prober = prober;
        _warn = warn;
        if (folder is null)
        {
            return;
        }
        string full = Path.GetFullPath(folder);
        var store = new FingerprintStore(full, stamp);
        try
        {
            store.Probe();
            _store = store;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warn?.Invoke($"work fingerprint cache folder '{full}' cannot be used ({e.Message}); fingerprints are kept in memory only and computed again after a restart");
        }
    }

    public ImageProber Prober { get; }

    /// <summary>Where fingerprints persist (full path), or null when they are kept in memory only.</summary>
    public string? Folder => _store?.Folder;

    /// <summary>Number of distinct files fingerprinted so far (held in memory).</summary>
    public int Count => _fingerprints.Count;

    /// <summary>Fingerprints this instance computed (decoded and hashed), as opposed to found.</summary>
    public int Computed => Volatile.Read(ref _computed);

    /// <summary>Fingerprints this instance read from the folder instead of computing them.</summary>
    public int ReadFromDisk => Volatile.Read(ref _readFromDisk);

    /// <summary>The cached fingerprint of these bytes, computing it on a miss. Throws <see cref="ImageDecodeException"/>.</summary>
    public WorkFingerprint GetOrCompute(ReadOnlySpan<byte> encoded)
    {
        UInt128 key = XxHash128.HashToUInt128(encoded);
        if (_fingerprints.TryGetValue(key, out WorkFingerprint? cached))
        {
            return cached;
        }
        if (_store?.TryRead(key) is { } stored)
        {
            Interlocked.Increment(ref _readFromDisk);
            return _fingerprints.GetOrAdd(key, stored);
        }
        // Two threads loading the same new file may both compute it; the results are equal and one wins.
        WorkFingerprint computed = Prober.FingerprintWork(encoded);
        Interlocked.Increment(ref _computed);
        Store(key, computed);
        return _fingerprints.GetOrAdd(key, computed);
    }

    private void Store(UInt128 key, WorkFingerprint fingerprint)
    {
        if (_store is null || Volatile.Read(ref _writesStopped) != 0)
        {
            return;
        }
        try
        {
            _store.Write(key, fingerprint);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that refused one write (full, read-only, gone) most likely refuses the next: say so
            // once and stop trying; what is stored stays readable, and memory keeps the rest.
            if (Interlocked.Exchange(ref _writesStopped, 1) == 0)
            {
                _warn?.Invoke($"work fingerprint cache folder '{_store.Folder}' stopped taking writes ({e.Message}); new fingerprints are kept in memory only");
            }
        }
    }
}
