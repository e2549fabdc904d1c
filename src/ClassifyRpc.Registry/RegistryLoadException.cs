namespace ClassifyRpc.Registry;

/// <summary>A registry folder that did not load; nothing of it was applied.</summary>
public sealed class RegistryLoadException : Exception
{
    public RegistryLoadException(string source, IReadOnlyList<RegistryError> errors)
        : base($"registry '{source}' did not load ({errors.Count} error(s)): {string.Join("; ", errors)}")
    {
        Folder = source;
        Errors = errors;
    }

    /// <summary>The folder that was read.</summary>
    public string Folder { get; }

    public IReadOnlyList<RegistryError> Errors { get; }
}
