namespace ClassifyRpc.Registry;

/// <summary>A registry folder that did not load; nothing of it was applied.</summary>
public sealed class RegistryLoadException : Exception
{
    public RegistryLoadException(string source, IReadOnlyList<RegistryError> errors)
        : this(source, errors, null)
    {
    }

    /// <summary>A load that failed on an unexpected exception (<paramref name="innerException"/>, kept for
    /// the logs); <paramref name="errors"/> says it in one line.</summary>
    public RegistryLoadException(string source, IReadOnlyList<RegistryError> errors, Exception? innerException)
        : base($"registry '{source}' did not load ({errors.Count} error(s)): {string.Join("; ", errors)}", innerException)
    {
        Folder = source;
        Errors = errors;
    }

    /// <summary>The folder that was read.</summary>
    public string Folder { get; }

    public IReadOnlyList<RegistryError> Errors { get; }
}
