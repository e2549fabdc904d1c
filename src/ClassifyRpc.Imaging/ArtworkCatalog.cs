namespace ClassifyRpc.Imaging;

/// <summary>
/// All works' reference hashes in one Hamming-distance index. Immutable and shareable across threads.
/// </summary>
public sealed class ArtworkCatalog
{
    private ArtworkCatalog() { }

    public static ArtworkCatalog Empty { get; } = Build([]);

    /// <summary>Builds the index; <c>WorkOrdinal</c> is the caller's number for the work
    /// (several fingerprints, one per image file, may share one ordinal).</summary>
    public static ArtworkCatalog Build(IReadOnlyList<(int WorkOrdinal, WorkFingerprint Fingerprint)> works) => throw new NotImplementedException();

    /// <summary>Number of hashes stored.</summary>
    public int HashCount => throw new NotImplementedException();

    /// <summary>
    /// Appends to <paramref name="hits"/> one entry per work within <paramref name="maxDistance"/> of any of
    /// the probe's lookups, with its smallest distance.
    /// </summary>
    public void FindWithin(ImageProbe probe, int maxDistance, List<ArtworkHit> hits) => throw new NotImplementedException();
}
