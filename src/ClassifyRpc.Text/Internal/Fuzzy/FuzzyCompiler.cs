using ClassifyRpc.Text.Internal.Spellings;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Compiles fuzzy marks without putting their one-typo spellings into the DFA: each fuzzy form gets a few
/// short anchors (<see cref="AnchorChoice"/>), which go into the DFA as spellings of their own, and every
/// one-typo spelling is given to one anchor it starts or ends with, as the rest of the spelling to read
/// forwards or (reversed) backwards from the anchor. Per anchor, those rests of every mark become one
/// anchored DFA (<see cref="VerifierGraphBuilder"/>): the automaton grows with the marks' length (the
/// rests of a form's typos are one typo of about half its letters), not with length times alphabet.
/// </summary>
/// <remarks>
/// Each spelling is checked to hold the anchor it is given (it starts or ends with it), so a spelling
/// present in a text always brings its anchor with it; a spelling no anchor covers (the argument on
/// <see cref="AnchorChoice"/> says there is none) becomes an anchor of its own with an empty rest.
/// </remarks>
internal sealed class FuzzyCompiler
{
    private readonly VerifierGraphBuilder _graph = new();
    private readonly Dictionary<string, int> _anchorIds = new(StringComparer.Ordinal);
    private readonly List<string> _anchors = [];

    /// <summary>Per anchor id, per direction (forward first): the automata of its rests, mark by mark.</summary>
    private readonly List<Rests[]> _rests = [];
    private int _longestSpelling;

    /// <summary>The anchors so far, as spellings; an anchor's index is its id.</summary>
    public IReadOnlyList<string> Anchors => _anchors;

    public bool IsEmpty => _anchors.Count == 0;

    /// <summary>Adds a fuzzy mark: the one-typo spellings of each of its <paramref name="forms"/> (its stem,
    /// and its text when that differs), but for the mark's own readings (<paramref name="own"/>: the DFA
    /// reports those as exact hits, and a fuzzy hit overlapping an exact one of its mark is dropped); false,
    /// with nothing added, when they are more than <paramref name="limit"/>.</summary>
    public bool Add(int markIndex, IReadOnlyList<MarkLetters> forms, IReadOnlySet<string> own, int limit, int minAnchorSymbols)
    {
        var spellings = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new List<string>();
        var suffixes = new List<string>();
        foreach (MarkLetters form in forms)
        {
            if (!Typos.AddAll(form, spellings, limit))
            {
                return false;
            }
            var (p, s) = AnchorChoice.Choose(form, minAnchorSymbols);
            prefixes.AddRange(p);
            suffixes.AddRange(s);
        }

        // Per anchor and direction, the rests of the spellings it covers.
        var rests = new Dictionary<(string Anchor, bool Forward), List<string>>();
        spellings.ExceptWith(own);
        foreach (string spelling in spellings)
        {
            _longestSpelling = Math.Max(_longestSpelling, spelling.Length);
            string? prefix = Longest(prefixes, spelling, atStart: true);
            if (prefix is not null)
            {
                RestsOf(rests, prefix, forward: true).Add(spelling[prefix.Length..]);
                continue;
            }
            string? suffix = Longest(suffixes, spelling, atStart: false);
            if (suffix is not null)
            {
                RestsOf(rests, suffix, forward: false).Add(Reverse(spelling.AsSpan(0, spelling.Length - suffix.Length)));
                continue;
            }
            RestsOf(rests, spelling, forward: true).Add("");
        }

        int output = _graph.OutputOf([markIndex]);
        foreach (var ((anchor, forward), list) in rests)
        {
            list.Sort(StringComparer.Ordinal);
            int root = _graph.AddWords(list, output);
            Rests of = _rests[AnchorId(anchor)][forward ? 0 : 1];
            of.Roots.Add(root);
            foreach (string rest in list)
            {
                of.Longest = Math.Max(of.Longest, rest.Length);
            }
        }
        return true;
    }

    private static List<string> RestsOf(Dictionary<(string, bool), List<string>> rests, string anchor, bool forward)
    {
        if (!rests.TryGetValue((anchor, forward), out var list))
        {
            rests.Add((anchor, forward), list = []);
        }
        return list;
    }

    private static string? Longest(List<string> anchors, string spelling, bool atStart)
    {
        string? best = null;
        foreach (string anchor in anchors)
        {
            bool holds = atStart ? spelling.StartsWith(anchor, StringComparison.Ordinal) : spelling.EndsWith(anchor, StringComparison.Ordinal);
            if (holds && (best is null || anchor.Length > best.Length))
            {
                best = anchor;
            }
        }
        return best;
    }

    private static string Reverse(ReadOnlySpan<char> span)
    {
        var chars = span.ToArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private int AnchorId(string anchor)
    {
        if (!_anchorIds.TryGetValue(anchor, out int id))
        {
            id = _anchors.Count;
            _anchorIds.Add(anchor, id);
            _anchors.Add(anchor);
            _rests.Add([new Rests(), new Rests()]);
        }
        return id;
    }

    /// <summary>The verifier of every anchor added; <paramref name="wholeWords"/>: per mark, word mode.</summary>
    public FuzzyVerifier Build(bool[] wholeWords)
    {
        int count = _anchors.Count;
        var roots = new (int Forward, int Backward)[count];
        int reach = _longestSpelling;
        for (int a = 0; a < count; a++)
        {
            var (forward, backward) = (_rests[a][0], _rests[a][1]);
            roots[a] = (forward.Union(_graph), backward.Union(_graph));
            reach = Math.Max(reach, Math.Max(forward.Longest, backward.Longest) + _anchors[a].Length);
        }
        VerifierGraph graph = _graph.Build();
        var anchors = new VerifiedAnchor[count];
        for (int a = 0; a < count; a++)
        {
            anchors[a] = new VerifiedAnchor(_anchors[a].Length, _anchors[a][^1], AnchorRoot.Of(graph, roots[a].Forward), AnchorRoot.Of(graph, roots[a].Backward));
        }
        return new FuzzyVerifier(graph, anchors, wholeWords, reach);
    }

    /// <summary>One anchor's rests one way: the root of each mark's automaton, and the longest rest.</summary>
    private sealed class Rests
    {
        public List<int> Roots { get; } = [];

        public int Longest { get; set; }

        /// <summary>The union of the marks' automata, or <see cref="VerifierGraph.Dead"/> when there is none.</summary>
        public int Union(VerifierGraphBuilder graph) => Roots.Count == 0 ? VerifierGraph.Dead : graph.Union(Roots);
    }
}
