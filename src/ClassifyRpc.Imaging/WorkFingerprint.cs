namespace ClassifyRpc.Imaging;

/// <summary>Every reference hash stored for one work image (dihedral variants and whatever crops the
/// matcher keeps), with the quality of the plain hash.</summary>
public sealed class WorkFingerprint
{
    public WorkFingerprint(PdqHash[] hashes, int quality)
    {
        Hashes = hashes;
        Quality = quality;
    }

    public IReadOnlyList<PdqHash> Hashes { get; }

    public int Quality { get; }
}
