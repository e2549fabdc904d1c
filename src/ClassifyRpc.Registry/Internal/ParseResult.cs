namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// What one file parsed into, with the errors found in it. Immutable and a function of the file's
/// registry-relative path and bytes alone, so <see cref="ParseCache"/> can hand it to a later load of the
/// same bytes; that load reports <see cref="Errors"/> again (a bad file stays bad until its bytes change).
/// </summary>
/// <param name="Value">Null when the file could not be parsed at all (not UTF-8, not YAML).</param>
internal sealed record ParseResult<T>(T? Value, IReadOnlyList<RegistryError> Errors)
    where T : class;
