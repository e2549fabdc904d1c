namespace ClassifyRpc.Registry;

/// <summary>One problem in a registry folder: the file (relative to the folder), the 1-based line
/// (0 when the whole file is at fault), the key, and what is wrong.</summary>
public sealed record RegistryError(string File, int Line, string Key, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}: {Key}: {Message}" : $"{File}: {Key}: {Message}";
}
