using System.Runtime.CompilerServices;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text;

/// <summary>
/// Every mark of a registry snapshot (plural stems, variants, one-edit spellings of fuzzy marks)
/// compiled into one automaton over normalized symbols. Immutable and shareable across threads;
/// a text is scanned once whatever the number of marks.
/// </summary>
public sealed class MarkAutomaton
{
    private readonly Dfa _dfa;
    private readonly int[] _patternLength;
    private readonly int[] _entryStart;
    private readonly PatternEntry[] _entries;

    private MarkAutomaton(int markCount, Dfa dfa, int[] patternLength, int[] entryStart, PatternEntry[] entries)
    {
        MarkCount = markCount;
        _dfa = dfa;
        _patternLength = patternLength;
        _entryStart = entryStart;
        _entries = entries;
    }

    /// <summary>Compiles the marks. Throws <see cref="MarkDefinitionException"/> for a mark that cannot compile.</summary>
    public static MarkAutomaton Build(IReadOnlyList<MarkDefinition> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var compiler = new PatternCompiler();
        for (int i = 0; i < marks.Count; i++)
        {
            compiler.Add(i, marks[i]);
        }

        IReadOnlyList<string> spellings = compiler.Spellings;
        var patternLength = new int[spellings.Count];
        var entryStart = new int[spellings.Count + 1];
        var entries = new List<PatternEntry>(spellings.Count);
        for (int p = 0; p < spellings.Count; p++)
        {
            patternLength[p] = spellings[p].Length;
            entryStart[p] = entries.Count;
            entries.AddRange(compiler.Entries[p]);
        }
        entryStart[spellings.Count] = entries.Count;

        Dfa dfa = DfaBuilder.Build(spellings);
        return new MarkAutomaton(marks.Count, dfa, patternLength, entryStart, [.. entries]);
    }

    /// <summary>Number of marks compiled.</summary>
    public int MarkCount { get; }

    /// <summary>Number of distinct normalized spellings compiled (stems, variants, fuzzy expansions).</summary>
    public int PatternCount => _patternLength.Length;

    /// <summary>Number of DFA states.</summary>
    public int StateCount => _dfa.StateCount;

    /// <summary>Approximate bytes held by the automaton's tables.</summary>
    public long MemoryBytes =>
        _dfa.MemoryBytes
        + (long)_patternLength.Length * sizeof(int)
        + (long)_entryStart.Length * sizeof(int)
        + (long)_entries.Length * Unsafe.SizeOf<PatternEntry>();

    /// <summary>
    /// Scans <paramref name="text"/> and appends its hits to <paramref name="hits"/> (ordered by start;
    /// a fuzzy hit overlapping an exact hit of the same mark is dropped). Allocates nothing once the
    /// buffer is large enough.
    /// </summary>
    [SkipLocalsInit]
    public void Scan(ReadOnlySpan<char> text, MarkHitBuffer hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        if (text.IsEmpty || _patternLength.Length == 0)
        {
            return;
        }

        int from = hits.Count;
        var builder = new RunBuilder(stackalloc SymbolRun[128]);
        try
        {
            builder.Build(text);
            Match(builder.Runs, hits);
        }
        finally
        {
            builder.Dispose();
        }
        HitPostProcessor.Process(hits, from);
    }

    private void Match(ReadOnlySpan<SymbolRun> runs, MarkHitBuffer hits)
    {
        int[] transitions = _dfa.Transitions;
        int[] own = _dfa.OwnPattern;
        int[] outputLink = _dfa.OutputLink;
        int state = 0;
        for (int j = 0; j < runs.Length; j++)
        {
            state = transitions[state + runs[j].Symbol];
            int node = state / DfaBuilder.Stride;
            int pattern = own[node];
            if (pattern < 0)
            {
                node = outputLink[node];
                if (node < 0)
                {
                    continue;
                }
                pattern = own[node];
            }
            while (true)
            {
                Report(runs, j, pattern, hits);
                node = outputLink[node];
                if (node < 0)
                {
                    break;
                }
                pattern = own[node];
            }
        }
    }

    private void Report(ReadOnlySpan<SymbolRun> runs, int lastRun, int pattern, MarkHitBuffer hits)
    {
        int firstRun = lastRun - _patternLength[pattern] + 1;
        ref readonly SymbolRun first = ref runs[firstRun];
        ref readonly SymbolRun last = ref runs[lastRun];
        for (int e = _entryStart[pattern]; e < _entryStart[pattern + 1]; e++)
        {
            PatternEntry entry = _entries[e];
            int start, end;
            if (entry.WholeWords)
            {
                // Word mode: the spelling must begin where a word begins and end where one may end.
                if (first.WordStart < 0 || last.WordEnd < 0)
                {
                    continue;
                }
                start = first.WordStart;
                end = last.WordEnd;
            }
            else
            {
                // Anywhere: trim a collapsed run that crosses a word boundary to the word holding the rest.
                start = first.LastSegmentStart;
                end = last.FirstSegmentEnd;
            }
            if (end <= start)
            {
                // A one-symbol spelling whose run crosses words: report the run's last segment.
                end = last.LastEnd;
            }
            hits.Add(new MarkHit(entry.MarkIndex, start, end - start, entry.Edits));
        }
    }
}
