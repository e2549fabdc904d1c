namespace ClassifyRpc.Text;

/// <summary>
/// Every mark of a registry snapshot (plural stems, variants, one-edit spellings of fuzzy marks)
/// compiled into one automaton over normalized symbols. Immutable and shareable across threads;
/// a text is scanned once whatever the number of marks.
/// </summary>
public sealed class MarkAutomaton
{
    private MarkAutomaton() { }

    /// <summary>Compiles the marks. Throws <see cref="MarkDefinitionException"/> for a mark that cannot compile.</summary>
    public static MarkAutomaton Build(IReadOnlyList<MarkDefinition> marks) => throw new NotImplementedException();

    /// <summary>Number of marks compiled.</summary>
    public int MarkCount => throw new NotImplementedException();

    /// <summary>Number of distinct normalized spellings compiled (stems, variants, fuzzy expansions).</summary>
    public int PatternCount => throw new NotImplementedException();

    /// <summary>Approximate bytes held by the automaton's tables.</summary>
    public long MemoryBytes => throw new NotImplementedException();

    /// <summary>
    /// Scans <paramref name="text"/> and appends its hits to <paramref name="hits"/> (ordered by start;
    /// a fuzzy hit overlapping an exact hit of the same mark is dropped). Allocates nothing once the
    /// buffer is large enough.
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, MarkHitBuffer hits) => throw new NotImplementedException();
}
