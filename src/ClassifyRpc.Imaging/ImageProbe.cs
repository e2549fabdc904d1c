namespace ClassifyRpc.Imaging;

/// <summary>The hashes of one listing image to look up (the plain hash, plus whatever windows the
/// matcher derives from the pixels), with the plain hash and its quality.</summary>
public sealed class ImageProbe
{
    public ImageProbe(PdqHash hash, int quality, PdqHash[] lookups)
    {
        Hash = hash;
        Quality = quality;
        Lookups = lookups;
    }

    /// <summary>A probe from a hash alone (<c>pdq_hex</c>): only the plain hash is looked up.</summary>
    public static ImageProbe FromHash(PdqHash hash, int quality) => new(hash, quality, [hash]);

    public PdqHash Hash { get; }

    public int Quality { get; }

    public IReadOnlyList<PdqHash> Lookups { get; }
}
