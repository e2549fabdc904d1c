namespace ClassifyRpc.Imaging;

/// <summary>Turns image bytes into what the artwork index stores (for works) or looks up (for listing
/// images). Both sides live here because they must agree on the tricks used for crops and borders.</summary>
public sealed class ImageProber
{
    public ImageProber(PdqHasher hasher) => Hasher = hasher;

    public PdqHasher Hasher { get; }

    /// <summary>Reference hashes of a registry work image. Throws <see cref="ImageDecodeException"/>.</summary>
    public WorkFingerprint FingerprintWork(ReadOnlySpan<byte> encoded) => throw new NotImplementedException();

    /// <summary>Lookup hashes of a listing image. Throws <see cref="ImageDecodeException"/>.</summary>
    public ImageProbe Probe(ReadOnlySpan<byte> encoded) => throw new NotImplementedException();
}
