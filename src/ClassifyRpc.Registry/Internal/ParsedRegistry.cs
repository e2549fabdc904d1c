namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// The first stage of a load: every file read, parsed and cross-checked, nothing compiled yet. Pure
/// data, so the validation rules can be tested without the matching and hashing engines.
/// </summary>
internal sealed class ParsedRegistry(string source)
{
    /// <summary>The registry folder, full path without a trailing separator.</summary>
    public string Source { get; } = source;

    /// <summary>Case drafts in case-file order (ordinal order of their relative paths).</summary>
    public List<CaseDraft> Cases { get; } = [];

    public List<RegistryError> Errors { get; } = [];

    /// <summary>Every file read, by registry-relative path ('/' separators), each read once.</summary>
    public SortedDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Marks whose id is not used earlier in the registry (the ones worth compiling).</summary>
    public List<(CaseDraft Case, MarkDraft Mark)> UniqueMarks { get; } = [];

    /// <summary>Works whose id is not used earlier in the registry.</summary>
    public List<(CaseDraft Case, WorkDraft Work)> UniqueWorks { get; } = [];
}
