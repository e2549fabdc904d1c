using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Imaging;

/// <summary>
/// All works' reference hashes in one Hamming-distance index. Immutable and shareable across threads.
/// </summary>
[SkipLocalsInit]
public sealed class ArtworkCatalog
{
    /// <summary>
    /// From this many hashes on, lookups within <see cref="MultiIndex.MaxDistance"/> go through the
    /// multi-index; below it a linear scan (which stays in cache) is as fast and needs no tables.
    /// </summary>
    internal const int MultiIndexThreshold = 16_384;

    // Hash i is words [4i, 4i + 4) (W0..W3), its work _works[i]: flat arrays the scan streams through.
    private readonly ulong[] _words;
    private readonly int[] _works;
    private readonly MultiIndex? _index;

    private ArtworkCatalog(ulong[] words, int[] works, bool? useMultiIndex)
    {
        _words = words;
        _works = works;
        if (useMultiIndex ?? works.Length >= MultiIndexThreshold)
        {
            _index = MultiIndex.Build(words, works.Length);
        }
    }

    /// <summary>Whether lookups within <see cref="MultiIndex.MaxDistance"/> use the multi-index.</summary>
    internal bool UsesMultiIndex => _index is not null;

    public static ArtworkCatalog Empty { get; } = Build([]);

    /// <summary>Builds the index; <c>WorkOrdinal</c> is the caller's number for the work
    /// (several fingerprints, one per image file, may share one ordinal).</summary>
    public static ArtworkCatalog Build(IReadOnlyList<(int WorkOrdinal, WorkFingerprint Fingerprint)> works) => Build(works, null);

    /// <summary>As <see cref="Build(IReadOnlyList{ValueTuple{int, WorkFingerprint}})"/>, forcing the multi-index on or off (tests, benchmarks).</summary>
    internal static ArtworkCatalog Build(IReadOnlyList<(int WorkOrdinal, WorkFingerprint Fingerprint)> works, bool? useMultiIndex)
    {
        ArgumentNullException.ThrowIfNull(works);

        // A symmetric image has equal dihedral hashes, and two files of one work may share crops: store
        // each (hash, work) once.
        var seen = new HashSet<(PdqHash, int)>();
        var words = new List<ulong>();
        var owners = new List<int>();
        foreach ((int ordinal, WorkFingerprint fingerprint) in works)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ordinal, nameof(works));
            ArgumentNullException.ThrowIfNull(fingerprint, nameof(works));
            foreach (PdqHash hash in fingerprint.Hashes)
            {
                if (seen.Add((hash, ordinal)))
                {
                    words.Add(hash.W0);
                    words.Add(hash.W1);
                    words.Add(hash.W2);
                    words.Add(hash.W3);
                    owners.Add(ordinal);
                }
            }
        }
        return new ArtworkCatalog([.. words], [.. owners], useMultiIndex);
    }

    /// <summary>Number of hashes stored.</summary>
    public int HashCount => _works.Length;

    /// <summary>
    /// Appends to <paramref name="hits"/> one entry per work within <paramref name="maxDistance"/> of any of
    /// the probe's lookups, with its smallest distance.
    /// </summary>
    public void FindWithin(ImageProbe probe, int maxDistance, List<ArtworkHit> hits)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);

        var collector = new HitCollector(hits);
        IReadOnlyList<PdqHash> lookups = probe.Lookups;
        for (int i = 0; i < lookups.Count; i++)
        {
            if (_index is not null && maxDistance <= MultiIndex.MaxDistance)
            {
                _index.Search(lookups[i], maxDistance, _words, _works, ref collector);
            }
            else
            {
                ScanLinear(lookups[i], maxDistance, ref collector);
            }
        }
    }

    private void ScanLinear(in PdqHash query, int maxDistance, ref HitCollector collector)
    {
        ulong q0 = query.W0, q1 = query.W1, q2 = query.W2, q3 = query.W3;
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_words);
        int count = _works.Length;
        for (int i = 0; i < count; i++)
        {
            ref ulong h = ref Unsafe.Add(ref words, i * 4);
            int distance = BitOperations.PopCount(h ^ q0)
                + BitOperations.PopCount(Unsafe.Add(ref h, 1) ^ q1)
                + BitOperations.PopCount(Unsafe.Add(ref h, 2) ^ q2)
                + BitOperations.PopCount(Unsafe.Add(ref h, 3) ^ q3);
            if (distance <= maxDistance)
            {
                collector.Add(_works[i], distance);
            }
        }
    }
}
