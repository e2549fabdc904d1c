namespace ClassifyRpc.Text;

/// <summary>A mark that cannot be compiled (e.g. its text normalizes to nothing).</summary>
public sealed class MarkDefinitionException : Exception
{
    public MarkDefinitionException(int markIndex, string markId, string message)
        : base($"mark '{markId}': {message}")
    {
        MarkIndex = markIndex;
        MarkId = markId;
        Reason = message;
    }

    /// <summary>Index of the offending mark in the list given to the build.</summary>
    public int MarkIndex { get; }

    public string MarkId { get; }

    /// <summary>The reason alone, without the mark id.</summary>
    public string Reason { get; }
}
