using System.Runtime.CompilerServices;
using ClassifyRpc.Text.Internal.Spellings;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Verifies a fuzzy anchor the detailed pass found (see <see cref="FuzzyCompiler"/>): reads the runs after
/// it (forwards) and before it (backwards) through the anchor's two automata and reports, for every mark
/// whose one-typo spelling they complete, a fuzzy hit cut as the DFA's own hits are (word mode: whole words,
/// with the suffixes s, es, ing, ed, er, ers).
/// </summary>
internal sealed class FuzzyVerifier
{
    private readonly VerifierGraph _graph;
    private readonly VerifiedAnchor[] _anchors;
    private readonly bool[] _wholeWords;

    /// <param name="graph">Every anchor's automata.</param>
    /// <param name="anchors">Per anchor id.</param>
    /// <param name="wholeWords">Per mark: word mode.</param>
    /// <param name="reach">The most runs a spelling spans from its anchor's end, either way.</param>
    public FuzzyVerifier(VerifierGraph graph, VerifiedAnchor[] anchors, bool[] wholeWords, int reach)
    {
        _graph = graph;
        _anchors = anchors;
        _wholeWords = wholeWords;
        Reach = reach + WordSuffixes.MaxRuns;
    }

    /// <summary>The most runs a verified hit spans on either side of its anchor's end, suffix included: how far
    /// a window around an anchor must reach.</summary>
    public int Reach { get; }

    public int AnchorCount => _anchors.Length;

    public long MemoryBytes => _graph.MemoryBytes + (long)_anchors.Length * Unsafe.SizeOf<VerifiedAnchor>() + _wholeWords.Length;

    /// <summary>
    /// Verifies the anchor <paramref name="anchor"/> whose last run is <paramref name="lastRun"/> and appends its
    /// fuzzy hits (offsets plus <paramref name="offset"/>). False, with nothing appended, when the runs end
    /// before the verification does: the caller reads a wider window (<paramref name="fromTextStart"/>,
    /// <paramref name="toTextEnd"/>: whether the runs begin at the text's start and end at its end).
    /// </summary>
    public bool Verify(ReadOnlySpan<SymbolRun> runs, int lastRun, int anchor, int offset, bool fromTextStart, bool toTextEnd, MarkHitBuffer hits)
    {
        int before = hits.Count;
        ref readonly VerifiedAnchor a = ref _anchors[anchor];
        int first = lastRun - a.Length + 1;
        if (!Walk(runs, a.Forward.State, first, lastRun, +1, offset, toTextEnd, toTextEnd, hits)
            || !Walk(runs, a.Backward.State, first, lastRun, -1, offset, fromTextStart, toTextEnd, hits))
        {
            hits.Truncate(before);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Reads the runs from the anchor's far end (<paramref name="direction"/> +1: after its last run; -1: before
    /// its first) through <paramref name="state"/>'s automaton and reports every spelling it accepts, which
    /// spans the anchor and the runs read. False when the runs end while the automaton can still go on and the
    /// text goes on past them that way (<paramref name="textEndsThere"/> false), or a suffix needs runs past them.
    /// </summary>
    private bool Walk(ReadOnlySpan<SymbolRun> runs, int state, int first, int last, int direction, int offset, bool textEndsThere, bool toTextEnd, MarkHitBuffer hits)
    {
        if (state == VerifierGraph.Dead)
        {
            return true;
        }
        int run = direction > 0 ? last : first;
        while (true)
        {
            foreach (int mark in _graph.Accepts(state))
            {
                if (!Report(runs, mark, direction > 0 ? first : run, direction > 0 ? run : last, offset, toTextEnd, hits))
                {
                    return false;
                }
            }
            if (!_graph.HasEdges(state))
            {
                return true;
            }
            run += direction;
            if ((uint)run >= (uint)runs.Length)
            {
                return textEndsThere;
            }
            state = _graph.Next(state, runs[run].Symbol);
            if (state == VerifierGraph.Dead)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// Whether the anchor <paramref name="anchor"/>, whose last token the fast pass read just before
    /// <paramref name="position"/>, surely completes no spelling here: its automata, read off the plain text on
    /// either side (<see cref="PlainSymbols"/>), die before accepting. False when unsure (text that is not
    /// plain ASCII, a spelling accepted, or a token the fast pass read past): the region then decides. Most
    /// anchors are short pieces of a mark's letters found inside other words, and die a symbol or two on.
    /// </summary>
    public bool Rejects(ReadOnlySpan<char> text, int position, int anchor)
    {
        ref readonly VerifiedAnchor a = ref _anchors[anchor];
        // The anchor's last token ends at the position (else the fast pass read past it).
        int i = position - 1;
        if (PlainSymbols.Backward(text, ref i) != a.Last || i + 1 >= position)
        {
            return false;
        }
        int back = i;
        i = position;
        if (!Dies(text, ref i, a.Forward, a.Last, forward: true))
        {
            return false;
        }
        if (a.Backward.Dead)
        {
            return true;
        }
        // The rest of the anchor, backwards, then what comes before it.
        i = back;
        int previous = a.Last;
        for (int read = 1; read < a.Length;)
        {
            int symbol = PlainSymbols.Backward(text, ref i);
            if (symbol < 0)
            {
                return false;
            }
            if (symbol != previous)
            {
                previous = symbol;
                read++;
            }
        }
        return Dies(text, ref i, a.Backward, previous, forward: false);
    }

    /// <summary>Whether reading on from <paramref name="i"/> (after <paramref name="previous"/>) from
    /// <paramref name="root"/> surely accepts nothing. The first step is read off the root's copy.</summary>
    private bool Dies(ReadOnlySpan<char> text, ref int i, AnchorRoot root, int previous, bool forward)
    {
        if (root.Dead)
        {
            return true;
        }
        int state = root.State;
        uint takes = root.Symbols;
        bool accepts = root.Accepts;
        while (true)
        {
            if (accepts)
            {
                return false;
            }
            if (takes == 0)
            {
                return true;
            }
            int symbol = NextDistinct(text, ref i, previous, forward);
            if (symbol == PlainSymbols.Unsure)
            {
                return false;
            }
            if (symbol == PlainSymbols.End || (takes & (1u << symbol)) == 0)
            {
                return true;
            }
            previous = symbol;
            state = _graph.Next(state, symbol);
            takes = _graph.MaskOf(state);
            accepts = _graph.Accepting(state);
        }
    }

    /// <summary>Reports mark <paramref name="mark"/>'s spelling over runs [<paramref name="first"/>, <paramref name="last"/>]
    /// (and a suffix, in word mode), cut as the DFA's own hits are (<see cref="SymbolRun.SpanOf"/>);
    /// false when a word-mode suffix would need runs past the end of <paramref name="runs"/>.</summary>
    private bool Report(ReadOnlySpan<SymbolRun> runs, int mark, int first, int last, int offset, bool toTextEnd, MarkHitBuffer hits)
    {
        if (!_wholeWords[mark])
        {
            SymbolRun.SpanOf(in runs[first], in runs[last], wholeWords: false, out int start, out int end);
            hits.Add(new MarkHit(mark, offset + start, end - start, 1));
            return true;
        }
        for (int k = 0; k < WordSuffixes.Count; k++)
        {
            string suffix = WordSuffixes.RunsAfter(runs[last].Symbol, k);
            int end = last + suffix.Length;
            if (end >= runs.Length)
            {
                if (!toTextEnd)
                {
                    return false;
                }
                continue;
            }
            bool matches = true;
            for (int i = 0; i < suffix.Length && matches; i++)
            {
                matches = runs[last + 1 + i].Symbol == suffix[i];
            }
            if (matches && SymbolRun.SpanOf(in runs[first], in runs[end], wholeWords: true, out int from, out int to))
            {
                hits.Add(new MarkHit(mark, offset + from, to - from, 1));
            }
        }
        return true;
    }

    /// <summary>The next symbol that is not <paramref name="previous"/> (repeats collapse), or End / Unsure.</summary>
    private static int NextDistinct(ReadOnlySpan<char> text, ref int i, int previous, bool forward)
    {
        int symbol;
        do
        {
            symbol = forward ? PlainSymbols.Forward(text, ref i) : PlainSymbols.Backward(text, ref i);
        }
        while (symbol == previous);
        return symbol;
    }
}
