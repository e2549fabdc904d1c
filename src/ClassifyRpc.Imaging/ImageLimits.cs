namespace ClassifyRpc.Imaging;

/// <summary>Limits checked before any pixel is decoded (decompression bombs are refused).</summary>
public sealed record ImageLimits
{
    public static ImageLimits Default { get; } = new();

    /// <summary>Largest encoded image accepted, in bytes.</summary>
    public int MaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest declared width x height accepted.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    /// <summary>Largest declared width or height accepted.</summary>
    public int MaxDimension { get; init; } = 16_384;
}
