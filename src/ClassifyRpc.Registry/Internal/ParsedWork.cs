namespace ClassifyRpc.Registry.Internal;

/// <summary>A work as its case file writes it (immutable, part of a cached <see cref="ParsedCase"/>).
/// <see cref="Id"/> is null when it was missing or invalid (already reported).</summary>
internal sealed record ParsedWork(string? Id, IReadOnlyList<PathRef> Images, int Line, string Key);
