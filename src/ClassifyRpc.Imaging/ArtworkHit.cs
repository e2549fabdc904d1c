namespace ClassifyRpc.Imaging;

/// <summary>A work within the searched distance of a probe: its ordinal in the catalog and the smallest
/// distance over all of its stored hashes and the probe's lookups.</summary>
public readonly record struct ArtworkHit(int WorkOrdinal, int Distance);
