using ClassifyRpc.Tests;
using SkiaSharp;

namespace ClassifyRpc.Benchmarks;

/// <summary>Benchmark inputs generated from the repository's test data at setup.</summary>
internal static class PdqBenchmarkImages
{
    /// <summary>A registry work (512x512 RGB), re-encoded as PNG by SkiaSharp.</summary>
    public static byte[] Png512() =>
        Encode(Path.Combine(RepoPaths.DefaultRegistry, "works", "cam-the-cat.png"), 512, 512, SKEncodedImageFormat.Png, 100);

    /// <summary>The reference's bridge photo (1600x1004) resized to 1000x1000 (a photo, not a drawing), JPEG quality 90.</summary>
    public static byte[] Jpeg1000() =>
        Encode(RepoPaths.Data("pdq-reference", "dih", "bridge-1-original.jpg"), 1000, 1000, SKEncodedImageFormat.Jpeg, 90);

    private static byte[] Encode(string path, int width, int height, SKEncodedImageFormat format, int quality)
    {
        using SKBitmap source = SKBitmap.Decode(path);
        using SKBitmap resized = source.Width == width && source.Height == height
            ? source.Copy()
            : source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using SKData data = resized.Encode(format, quality);
        return data.ToArray();
    }
}
