namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Verifies a fuzzy anchor the detailed pass found (see <see cref="FuzzyCompiler"/>): reads the runs after
/// it (forwards) and before it (backwards) through the anchor's two automata and reports, for every mark
/// whose one-typo spelling they complete, a fuzzy hit cut as the DFA's own hits are (word mode: whole words,
/// with the suffixes s, es, ing, ed, er, ers).
/// </summary>
internal sealed class FuzzyVerifier
{
    /// <summary>Word mode's suffixes, joined to a spelling before it collapses (DESIGN "word").</summary>
    internal static readonly string[] WordSuffixes = ["", "s", "es", "ing", "ed", "er", "ers"];

    private readonly VerifierGraph _graph;
    private readonly int[] _forwardRoot;
    private readonly int[] _backwardRoot;
    private readonly int[] _anchorLength;

    /// <summary>Per anchor: its last symbol.</summary>
    private readonly int[] _anchorLast;

    /// <summary>Per anchor and direction: its automaton's first step (the symbols it takes, and whether it
    /// accepts the empty rest), kept beside the anchor so that most rejections never touch the graph, whose
    /// records lie megabytes apart.</summary>
    private readonly FirstStep[] _firstSteps;
    private readonly bool[] _wholeWords;

    /// <summary>Per last symbol, per suffix: the runs the suffix adds after a spelling ending in that symbol.</summary>
    private readonly string[] _suffixRuns;

    public FuzzyVerifier(VerifierGraph graph, int[] forwardRoot, int[] backwardRoot, int[] anchorLength, int[] anchorLast, bool[] wholeWords, int reach)
    {
        _anchorLast = anchorLast;
        _graph = graph;
        _forwardRoot = forwardRoot;
        _backwardRoot = backwardRoot;
        _anchorLength = anchorLength;
        _wholeWords = wholeWords;
        Reach = reach + 3;   // the longest word suffix adds at most three runs
        _suffixRuns = BuildSuffixRuns();
        _firstSteps = new FirstStep[forwardRoot.Length * 2];
        for (int a = 0; a < forwardRoot.Length; a++)
        {
            _firstSteps[2 * a] = FirstStep.Of(graph, forwardRoot[a]);
            _firstSteps[2 * a + 1] = FirstStep.Of(graph, backwardRoot[a]);
        }
    }

    /// <summary>The most runs a verified hit spans on either side of its anchor's end, suffix included: how far
    /// a window around an anchor must reach.</summary>
    public int Reach { get; }

    public int AnchorCount => _anchorLength.Length;

    public long MemoryBytes => _graph.MemoryBytes + (long)_forwardRoot.Length * 3 * sizeof(int) + _wholeWords.Length;

    /// <summary>
    /// Verifies the anchor <paramref name="anchor"/> whose last run is <paramref name="lastRun"/> and appends its
    /// fuzzy hits (offsets plus <paramref name="offset"/>). False, with nothing appended, when the runs end
    /// before the verification does: the caller reads a wider window (<paramref name="fromTextStart"/>,
    /// <paramref name="toTextEnd"/>: whether the runs begin at the text's start and end at its end).
    /// </summary>
    public bool Verify(ReadOnlySpan<SymbolRun> runs, int lastRun, int anchor, int offset, bool fromTextStart, bool toTextEnd, MarkHitBuffer hits)
    {
        int before = hits.Count;
        int first = lastRun - _anchorLength[anchor] + 1;
        if (!Walk(runs, _forwardRoot[anchor], first, lastRun, +1, offset, toTextEnd, toTextEnd, hits)
            || !Walk(runs, _backwardRoot[anchor], first, lastRun, -1, offset, fromTextStart, toTextEnd, hits))
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
        int last = _anchorLast[anchor];
        // The anchor's last token ends at the position (else the fast pass read past it).
        int i = position - 1;
        if (PlainSymbols.Backward(text, ref i) != last || i + 1 >= position)
        {
            return false;
        }
        int back = i;
        i = position;
        if (!Dies(text, ref i, _forwardRoot[anchor], _firstSteps[2 * anchor], last, forward: true))
        {
            return false;
        }
        FirstStep backward = _firstSteps[2 * anchor + 1];
        if (backward.Dead)
        {
            return true;
        }
        // The rest of the anchor, backwards, then what comes before it.
        i = back;
        int previous = last;
        for (int read = 1; read < _anchorLength[anchor];)
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
        return Dies(text, ref i, _backwardRoot[anchor], backward, previous, forward: false);
    }

    /// <summary>Whether reading on from <paramref name="i"/> in <paramref name="state"/> (after
    /// <paramref name="previous"/>) surely accepts nothing; the first step from <paramref name="first"/>.</summary>
    private bool Dies(ReadOnlySpan<char> text, ref int i, int state, FirstStep first, int previous, bool forward)
    {
        if (first.Dead)
        {
            return true;
        }
        if (first.Accepts)
        {
            return false;
        }
        int next = NextDistinct(text, ref i, previous, forward);
        if (next == PlainSymbols.Unsure)
        {
            return false;
        }
        if (next == PlainSymbols.End || (first.Symbols & (1u << next)) == 0)
        {
            return true;
        }
        previous = next;
        state = _graph.Next(state, next);
        while (true)
        {
            if (_graph.Accepting(state))
            {
                return false;
            }
            if (!_graph.HasEdges(state))
            {
                return true;
            }
            int symbol = NextDistinct(text, ref i, previous, forward);
            if (symbol == PlainSymbols.End)
            {
                return true;
            }
            if (symbol == PlainSymbols.Unsure)
            {
                return false;
            }
            previous = symbol;
            state = _graph.Next(state, symbol);
            if (state == VerifierGraph.Dead)
            {
                return true;
            }
        }
    }

    /// <summary>Reports mark <paramref name="mark"/>'s spelling over runs [<paramref name="first"/>, <paramref name="last"/>];
    /// false when a word-mode suffix would need runs past the end of <paramref name="runs"/>.</summary>
    private bool Report(ReadOnlySpan<SymbolRun> runs, int mark, int first, int last, int offset, bool toTextEnd, MarkHitBuffer hits)
    {
        if (!_wholeWords[mark])
        {
            // Anywhere: as the DFA's own hits, a collapsed run crossing a word boundary trimmed to the word
            // holding the rest of the match.
            int start = runs[first].LastSegmentStart;
            int end = runs[last].FirstSegmentEnd;
            if (end <= start)
            {
                end = runs[last].LastEnd;
            }
            hits.Add(new MarkHit(mark, offset + start, end - start, 1));
            return true;
        }
        int suffixBase = runs[last].Symbol * WordSuffixes.Length;
        for (int k = 0; k < WordSuffixes.Length; k++)
        {
            string suffix = _suffixRuns[suffixBase + k];
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
            if (!matches || runs[first].WordStart < 0 || runs[end].WordEnd < 0)
            {
                continue;
            }
            int from = runs[first].WordStart;
            int to = runs[end].WordEnd;
            if (to <= from)
            {
                to = runs[end].LastEnd;
            }
            hits.Add(new MarkHit(mark, offset + from, to - from, 1));
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

    /// <summary>An automaton's first step: the symbols its root takes and whether the root accepts.</summary>
    private readonly record struct FirstStep(uint Symbols, bool Accepts, bool Dead)
    {
        public static FirstStep Of(VerifierGraph graph, int root) =>
            root == VerifierGraph.Dead ? new(0, false, true) : new(graph.MaskOf(root), graph.Accepting(root), false);
    }

    private static string[] BuildSuffixRuns()
    {
        var table = new string[Symbols.Count * WordSuffixes.Length];
        for (int last = 0; last < Symbols.Count; last++)
        {
            for (int k = 0; k < WordSuffixes.Length; k++)
            {
                var runs = new List<char>();
                int previous = last;
                foreach (char raw in WordSuffixes[k])
                {
                    int symbol = Symbols.FromRaw[raw];
                    if (symbol != previous)
                    {
                        runs.Add((char)symbol);
                        previous = symbol;
                    }
                }
                table[last * WordSuffixes.Length + k] = new string([.. runs]);
            }
        }
        return table;
    }
}
