namespace ClassifyRpc.Registry.Internal;

/// <summary>A work as parsed, before its images have been read and fingerprinted.</summary>
internal sealed class WorkDraft(string? id, IReadOnlyList<PathRef> images, int line, string key)
{
    /// <summary>Null when the id was missing or invalid (already reported).</summary>
    public string? Id { get; } = id;

    /// <summary>The image paths as the case wrote them.</summary>
    public IReadOnlyList<PathRef> Images { get; } = images;

    public int Line { get; } = line;

    public string Key { get; } = key;

    /// <summary>Registry-relative paths of the images that were found and read, in order.</summary>
    public List<(PathRef Ref, string RelativePath)> Resolved { get; } = [];
}
