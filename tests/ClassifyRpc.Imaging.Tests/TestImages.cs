using SkiaSharp;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>Encodes small synthetic images with SkiaSharp, so each test states the pixels it feeds in.</summary>
internal static class TestImages
{
    /// <summary>An RGBA (unpremultiplied) image whose pixel (x, y) is <paramref name="pixel"/>(x, y).</summary>
    public static byte[] Png(int width, int height, Func<int, int, (byte R, byte G, byte B, byte A)> pixel)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Span<byte> bytes = bitmap.GetPixelSpan();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b, byte a) = pixel(x, y);
                int p = (y * width + x) * 4;
                bytes[p] = r;
                bytes[p + 1] = g;
                bytes[p + 2] = b;
                bytes[p + 3] = a;
            }
        }
        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    /// <summary>An 8-bit greyscale PNG.</summary>
    public static byte[] GreyPng(int width, int height, Func<int, int, byte> grey)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        Span<byte> bytes = bitmap.GetPixelSpan();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bytes[y * width + x] = grey(x, y);
            }
        }
        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    /// <summary>A 16-bit-per-channel RGBA PNG whose channels are <paramref name="pixel"/>(x, y) times 257.</summary>
    public static byte[] Png16(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba16161616, SKAlphaType.Opaque));
        Span<ushort> channels = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(bitmap.GetPixelSpan());
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = pixel(x, y);
                int p = (y * width + x) * 4;
                channels[p] = (ushort)(r * 257);
                channels[p + 1] = (ushort)(g * 257);
                channels[p + 2] = (ushort)(b * 257);
                channels[p + 3] = ushort.MaxValue;
            }
        }
        return Encode(bitmap, SKEncodedImageFormat.Png, 100);
    }

    /// <summary>Re-encodes any image as JPEG (or PNG) at the given quality, optionally resized.</summary>
    public static byte[] Reencode(byte[] encoded, SKEncodedImageFormat format, int quality, int? width = null, int? height = null)
    {
        using SKBitmap decoded = SKBitmap.Decode(encoded);
        if (width is null)
        {
            return Encode(decoded, format, quality);
        }
        using SKBitmap resized = decoded.Resize(new SKImageInfo(width.Value, height!.Value), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return Encode(resized, format, quality);
    }

    /// <summary>A smooth, textured test pattern: enough gradients for a high-quality hash.</summary>
    public static (byte, byte, byte, byte) Pattern(int x, int y) =>
        ((byte)(128 + 100 * Math.Sin(x / 17.0) * Math.Cos(y / 23.0)),
         (byte)((x * 3 + y * 5) & 0xFF),
         (byte)(128 + 90 * Math.Sin((x + y) / 31.0)),
         255);

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using SKData data = bitmap.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp could not encode {format}.");
        return data.ToArray();
    }
}
