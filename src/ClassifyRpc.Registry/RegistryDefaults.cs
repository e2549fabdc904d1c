namespace ClassifyRpc.Registry;

/// <summary>Values a case gets for keys it leaves out (DESIGN "Decision rules").</summary>
public static class RegistryDefaults
{
    /// <summary>PDQ distance at or under which a listing image blocks (<c>artwork.block_distance</c>).</summary>
    public const int BlockDistance = 31;

    /// <summary>PDQ distance at or under which a listing image is sent to review (<c>artwork.review_distance</c>).</summary>
    public const int ReviewDistance = 45;

    /// <summary>Largest distance a case may name: a PDQ hash has 256 bits.</summary>
    public const int MaxDistance = 256;

    /// <summary>PDQ quality under which a hash is unreliable: such an image yields at most REVIEW.</summary>
    public const int MinReliableQuality = 50;
}
