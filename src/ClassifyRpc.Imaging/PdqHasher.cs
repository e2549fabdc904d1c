using System.Buffers;
using System.Runtime.CompilerServices;
using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Imaging;

/// <summary>
/// PDQ, bit-compatible with Meta's reference C++ hasher: same pixels, same hash and quality.
/// Thread-safe; scratch buffers are pooled.
/// </summary>
/// <remarks>
/// Decoding choices (alpha ignored, no EXIF orientation, no colour management, the reference's
/// nearest-neighbour pre-resize to 512x512) are described on <see cref="LumaDecoder"/> and in the README.
/// </remarks>
[SkipLocalsInit]
public sealed class PdqHasher
{
    public PdqHasher(ImageLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
    }

    public ImageLimits Limits { get; }

    /// <summary>Decodes (limits checked first) and hashes. Throws <see cref="ImageDecodeException"/>.</summary>
    public PdqResult Hash(ReadOnlySpan<byte> encoded)
    {
        using LumaImage luma = LumaDecoder.Decode(encoded, Limits);
        return HashLumaInPlace(luma.Pixels, luma.Rows, luma.Cols);
    }

    /// <summary>
    /// The 8 dihedral hashes derived from one DCT, in the reference's order: original, rotate90,
    /// rotate180, rotate270, flipx, flipy, flipplus1, flipminus1.
    /// </summary>
    /// <returns>The quality (0-100) of the image.</returns>
    public int HashDihedral(ReadOnlySpan<byte> encoded, Span<PdqHash> eight)
    {
        if (eight.Length < 8)
        {
            throw new ArgumentException("The dihedral hashes need a span of 8.", nameof(eight));
        }
        using LumaImage luma = LumaDecoder.Decode(encoded, Limits);
        return HashLumaDihedralInPlace(luma.Pixels, luma.Rows, luma.Cols, eight);
    }

    /// <summary>
    /// PDQ of a luma image (row-major, <paramref name="rows"/> x <paramref name="cols"/>), as the reference's
    /// <c>pdqHash256FromFloatLuma</c>. The input is left untouched.
    /// </summary>
    internal static PdqResult HashLuma(ReadOnlySpan<float> luma, int rows, int cols)
    {
        int size = rows * cols;
        float[] copy = ArrayPool<float>.Shared.Rent(size);
        try
        {
            luma[..size].CopyTo(copy);
            return HashLumaInPlace(copy.AsSpan(0, size), rows, cols);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(copy);
        }
    }

    /// <summary>As <see cref="HashLuma"/>, using (and overwriting) <paramref name="luma"/> as the filter's first buffer.</summary>
    internal static PdqResult HashLumaInPlace(Span<float> luma, int rows, int cols)
    {
        if (rows < PdqCore.MinHashableDimension || cols < PdqCore.MinHashableDimension)
        {
            return new PdqResult(default, 0);
        }
        Span<float> dct = stackalloc float[PdqCore.DctSide * PdqCore.DctSide];
        int quality = LumaToDct(luma, rows, cols, copyWhen64: true, dct);
        return new PdqResult(PdqCore.ToHash(dct), quality);
    }

    /// <summary>
    /// The 8 dihedral hashes of a luma image, as the reference's <c>pdqDihedralHash256esFromFloatLuma</c>;
    /// overwrites <paramref name="luma"/>.
    /// </summary>
    internal static int HashLumaDihedralInPlace(Span<float> luma, int rows, int cols, Span<PdqHash> eight)
    {
        if (rows < PdqCore.MinHashableDimension || cols < PdqCore.MinHashableDimension)
        {
            eight[..8].Clear();
            return 0;
        }
        Span<float> dct = stackalloc float[PdqCore.DctSide * PdqCore.DctSide];
        int quality = LumaToDct(luma, rows, cols, copyWhen64: false, dct);
        PdqCore.DihedralHashes(dct, eight);
        return quality;
    }

    private static int LumaToDct(Span<float> luma, int rows, int cols, bool copyWhen64, Span<float> dct)
    {
        int size = rows * cols;
        // The filter's second buffer also holds the rows x 64 intermediate, wider than a narrow image.
        int scratchSize = rows * Math.Max(cols, PdqCore.DownsampledSide);
        float[] scratch = ArrayPool<float>.Shared.Rent(scratchSize);
        try
        {
            return PdqCore.LumaToDct(luma[..size], scratch.AsSpan(0, scratchSize), rows, cols, copyWhen64, dct);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }
}
