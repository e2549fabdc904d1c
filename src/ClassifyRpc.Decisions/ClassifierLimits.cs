namespace ClassifyRpc.Decisions;

/// <summary>Per-item limits; an item over one is judged REVIEW with an error (in a batch) or refused
/// with INVALID_ARGUMENT (unary). Safe defaults; the server binds them from configuration.</summary>
public sealed record ClassifierLimits
{
    public static ClassifierLimits Default { get; } = new();

    public int MaxIdLength { get; init; } = 256;
    public int MaxTitleLength { get; init; } = 4_096;
    public int MaxDescriptionLength { get; init; } = 100_000;
    public int MaxKeywords { get; init; } = 256;
    public int MaxKeywordLength { get; init; } = 1_024;
    public int MaxImages { get; init; } = 16;
    public int MaxBatchListings { get; init; } = 100_000;
    public int MaxQueryLength { get; init; } = 4_096;
}
