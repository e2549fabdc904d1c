using System.Buffers;
using System.Runtime.CompilerServices;
using SkiaSharp;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Decodes encoded bytes with SkiaSharp into the luma the reference hasher would see, checking the limits
/// before a single pixel is decoded.
/// </summary>
/// <remarks>
/// What "the reference would see" means, and where we choose otherwise:
/// <list type="bullet">
/// <item>Pixels are the stored ones: no colour management (no ICC transform, destination colour space
/// null) and no EXIF orientation (the reference's decoder applies neither; rotated copies still match
/// through the dihedral hashes).</item>
/// <item>Alpha is ignored: luma comes from the unpremultiplied colour channels, as the reference reads
/// the first three channels of an RGBA image. A transparent PNG therefore hashes its hidden colours; the
/// same file always gives the same hash as the reference.</item>
/// <item>Greyscale sources (grey PNG, grey JPEG) give luma = grey value, the reference's grey path;
/// everything else (palette, RGB, CMYK JPEG converted by the decoder, 16-bit scaled to 8) goes through
/// 0.299 R + 0.587 G + 0.114 B in float.</item>
/// <item>Images larger than 512 on a side are first resampled to 512x512 by nearest neighbour with the
/// reference's sampling (source index floor(i * size / 512), aspect not kept), then filtered.</item>
/// </list>
/// Rows are decoded one at a time (scanline decoding) where the codec allows, so a 4000x3000 JPEG needs
/// one row of scratch and the 512x512 luma, not 48 MB of RGBA; other codecs decode into a pooled buffer.
/// </remarks>
[SkipLocalsInit]
internal static class LumaDecoder
{
    /// <summary>The reference pre-resizes anything larger than this on a side to this square.</summary>
    public const int ReferenceResizeSide = 512;

    public static unsafe LumaImage Decode(ReadOnlySpan<byte> encoded, ImageLimits limits)
    {
        if (encoded.IsEmpty)
        {
            ImageErrors.Empty();
        }
        if (encoded.Length > limits.MaxBytes)
        {
            ImageErrors.TooManyBytes(encoded.Length, limits.MaxBytes);
        }

        fixed (byte* pointer = encoded)
        {
            // SKData.Create(IntPtr, int) wraps the pinned bytes without copying; the codec (which owns the
            // stream, which holds the data) is disposed before the bytes are unpinned.
            using SKData data = SKData.Create((IntPtr)pointer, encoded.Length);
            var stream = new SKMemoryStream(data);
            using SKCodec? codec = SKCodec.Create(stream);
            if (codec is null)
            {
                if (LooksLikeAnImage(encoded))
                {
                    ImageErrors.Corrupt(FormatName(encoded), "its header cannot be read");
                }
                ImageErrors.NotAnImage();
            }

            SKImageInfo declared = codec.Info;
            int width = declared.Width, height = declared.Height;
            if (width <= 0 || height <= 0)
            {
                ImageErrors.Corrupt(codec.EncodedFormat.ToString(), $"it declares {width}x{height} pixels");
            }
            if (width > limits.MaxDimension || height > limits.MaxDimension || (long)width * height > limits.MaxPixels)
            {
                ImageErrors.TooManyPixels(width, height, limits);
            }

            // libjpeg pads a truncated file and reports success; see JpegStructure.
            if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && !JpegStructure.ReachesEndOfImage(encoded))
            {
                ImageErrors.Corrupt("JPEG", "the data ends before the end-of-image marker");
            }

            bool grey = declared.ColorType == SKColorType.Gray8;
            var target = new SKImageInfo(
                width,
                height,
                grey ? SKColorType.Gray8 : SKColorType.Rgba8888,
                declared.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul,
                colorspace: null);

            bool resize = width > ReferenceResizeSide || height > ReferenceResizeSide;
            int rows = resize ? ReferenceResizeSide : height;
            int cols = resize ? ReferenceResizeSide : width;
            var luma = new LumaImage(rows, cols);
            try
            {
                if (codec.StartScanlineDecode(target) == SKCodecResult.Success && codec.ScanlineOrder == SKCodecScanlineOrder.TopDown)
                {
                    DecodeByRows(codec, target, grey, ref luma);
                }
                else
                {
                    DecodeWhole(codec, target, grey, ref luma);
                }
                return luma;
            }
            catch
            {
                luma.Dispose();
                throw;
            }
        }
    }

    private static unsafe void DecodeByRows(SKCodec codec, SKImageInfo target, bool grey, ref LumaImage luma)
    {
        int rowBytes = target.RowBytes;
        byte[] row = ArrayPool<byte>.Shared.Rent(rowBytes);
        try
        {
            fixed (byte* rowPointer = row)
            {
                int decoded = 0;           // rows of the source decoded so far
                int previousSource = -1;
                for (int y = 0; y < luma.Rows; y++)
                {
                    int source = SourceIndex(y, luma.Rows, target.Height);
                    if (source == previousSource)
                    {
                        // Upsampling rows (an image wider than 512 but shorter): the reference repeats them.
                        luma.Row(y - 1).CopyTo(luma.Row(y));
                        continue;
                    }
                    // Decode (not skip) the rows in between: skipping is not guaranteed to leave the
                    // decoder's state, hence the pixels of later rows, exactly as a full decode would.
                    while (decoded <= source)
                    {
                        if (codec.GetScanlines((IntPtr)rowPointer, 1, rowBytes) != 1)
                        {
                            ImageErrors.Corrupt(codec.EncodedFormat.ToString(), $"row {decoded} of {target.Height} is missing");
                        }
                        decoded++;
                    }
                    ConvertRow(new ReadOnlySpan<byte>(rowPointer, rowBytes), target.Width, grey, luma.Row(y));
                    previousSource = source;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(row);
        }
    }

    private static unsafe void DecodeWhole(SKCodec codec, SKImageInfo target, bool grey, ref LumaImage luma)
    {
        int rowBytes = target.RowBytes;
        long size = (long)rowBytes * target.Height;
        byte[] pixels = ArrayPool<byte>.Shared.Rent(checked((int)size));
        try
        {
            fixed (byte* pixelPointer = pixels)
            {
                SKCodecResult result = codec.GetPixels(target, (IntPtr)pixelPointer);
                if (result != SKCodecResult.Success)
                {
                    ImageErrors.Corrupt(codec.EncodedFormat.ToString(), result == SKCodecResult.IncompleteInput ? "the data ends early" : $"the decoder reports {result}");
                }
                int previousSource = -1;
                for (int y = 0; y < luma.Rows; y++)
                {
                    int source = SourceIndex(y, luma.Rows, target.Height);
                    if (source == previousSource)
                    {
                        luma.Row(y - 1).CopyTo(luma.Row(y));
                        continue;
                    }
                    ConvertRow(new ReadOnlySpan<byte>(pixelPointer + (long)source * rowBytes, rowBytes), target.Width, grey, luma.Row(y));
                    previousSource = source;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pixels);
        }
    }

    /// <summary>
    /// The source row or column of output index <paramref name="i"/>: identity without a resize, else
    /// CImg's nearest-neighbour sampling floor(i * size / 512) (its offsets are differences of
    /// (i + 1) * size / 512, which sum to exactly this).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SourceIndex(int i, int outSize, int inSize) =>
        outSize == inSize ? i : (int)((long)i * inSize / outSize);

    private static void ConvertRow(ReadOnlySpan<byte> source, int width, bool grey, Span<float> output)
    {
        int cols = output.Length;
        if (grey)
        {
            if (cols == width)
            {
                for (int x = 0; x < cols; x++)
                {
                    output[x] = source[x];
                }
            }
            else
            {
                for (int x = 0; x < cols; x++)
                {
                    output[x] = source[SourceIndex(x, cols, width)];
                }
            }
            return;
        }

        if (cols == width)
        {
            for (int x = 0; x < cols; x++)
            {
                int p = x * 4;
                output[x] = PdqCore.Luma(source[p], source[p + 1], source[p + 2]);
            }
        }
        else
        {
            for (int x = 0; x < cols; x++)
            {
                int p = SourceIndex(x, cols, width) * 4;
                output[x] = PdqCore.Luma(source[p], source[p + 1], source[p + 2]);
            }
        }
    }

    private static bool LooksLikeAnImage(ReadOnlySpan<byte> bytes) => FormatName(bytes) != "unknown";

    /// <summary>Names the format from its signature, to tell "truncated PNG" from "not an image".</summary>
    private static string FormatName(ReadOnlySpan<byte> b) => b switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WebP",
        [(byte)'B', (byte)'M', ..] when b.Length >= 14 => "BMP",
        _ => "unknown",
    };
}
