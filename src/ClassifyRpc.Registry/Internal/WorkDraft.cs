namespace ClassifyRpc.Registry.Internal;

/// <summary>A work as one load sees it: its <see cref="ParsedWork"/> and the images this load found.</summary>
internal sealed class WorkDraft(ParsedWork parsed)
{
    public ParsedWork Parsed { get; } = parsed;

    /// <summary>Null when the id was missing or invalid (already reported).</summary>
    public string? Id => Parsed.Id;

    /// <summary>The image paths as the case wrote them.</summary>
    public IReadOnlyList<PathRef> Images => Parsed.Images;

    public int Line => Parsed.Line;

    public string Key => Parsed.Key;

    /// <summary>Registry-relative paths of the images that were found and read by this load, in order.</summary>
    public List<(PathRef Ref, string RelativePath)> Resolved { get; } = [];
}
