namespace ClassifyRpc.Registry.Internal.Yaml;

/// <summary>
/// A YAML node with the 1-based line it starts on. We build our own small tree from parser events
/// (instead of YamlDotNet's representation model) so that a duplicate key is one more error to report
/// rather than an exception that hides every other problem of the file.
/// </summary>
internal abstract class RawNode(int line)
{
    public int Line { get; } = line;

    /// <summary>A word for error messages: "a string", "a list", "a mapping".</summary>
    public abstract string Describe { get; }
}
