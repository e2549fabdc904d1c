namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Which crop and border tricks <see cref="ImageProber"/> uses. The defaults are the shipped behaviour;
/// tests and benchmarks switch tricks off one at a time to measure what each costs and buys.
/// </summary>
internal sealed record ProberOptions
{
    public static ProberOptions Default { get; } = new();

    /// <summary>Plain PDQ plus dihedrals only: what the reference would match.</summary>
    public static ProberOptions PlainOnly { get; } = new()
    {
        TrimBorders = false,
        WorkCropScales = [],
        WorkRotations = [],
        FindInsets = false,
    };

    /// <summary>Hash both sides again without uniform borders (padding, letterboxing).</summary>
    public bool TrimBorders { get; init; } = true;

    /// <summary>A row or column is border when its luma stays within this of the corner's.</summary>
    public float BorderTolerance { get; init; } = 8f;

    /// <summary>Trimming stops after this fraction of a side.</summary>
    public float MaxBorderFraction { get; init; } = 0.3f;

    /// <summary>A trim smaller than this fraction of both sides adds nothing worth a hash.</summary>
    public float MinTrimFraction { get; init; } = 0.02f;

    /// <summary>Centred crops of each work stored (with their dihedrals): crops of the listing match one.</summary>
    public float[] WorkCropScales { get; init; } = [0.95f, 0.9f, 0.85f, 0.8f];

    /// <summary>
    /// Small rotations of each work stored (white corners, as an editor leaves them), every 5 degrees up
    /// to 15 each way: PDQ drifts past 31 bits about 3 degrees away from a stored angle.
    /// </summary>
    public float[] WorkRotations { get; init; } = [5f, -5f, 10f, -10f, 15f, -15f];

    /// <summary>Look up rectangles pasted into the listing image as well.</summary>
    public bool FindInsets { get; init; } = true;

    /// <summary>At most this many insets per listing image.</summary>
    public int MaxInsets { get; init; } = 2;
}
