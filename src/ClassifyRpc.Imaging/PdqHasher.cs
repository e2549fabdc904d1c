namespace ClassifyRpc.Imaging;

/// <summary>
/// PDQ, bit-compatible with Meta's reference C++ hasher: same pixels, same hash and quality.
/// Thread-safe; scratch buffers are pooled.
/// </summary>
public sealed class PdqHasher
{
    public PdqHasher(ImageLimits limits) => Limits = limits;

    public ImageLimits Limits { get; }

    /// <summary>Decodes (limits checked first) and hashes. Throws <see cref="ImageDecodeException"/>.</summary>
    public PdqResult Hash(ReadOnlySpan<byte> encoded) => throw new NotImplementedException();

    /// <summary>
    /// The 8 dihedral hashes derived from one DCT, in the reference's order: original, rotate90,
    /// rotate180, rotate270, flipx, flipy, flipplus1, flipminus1.
    /// </summary>
    public int HashDihedral(ReadOnlySpan<byte> encoded, Span<PdqHash> eight) => throw new NotImplementedException();
}
