namespace ClassifyRpc.Registry.Internal;

/// <summary>A file path as a case wrote it, with where it was written (for errors).</summary>
internal sealed record PathRef(string Path, int Line, string Key);
