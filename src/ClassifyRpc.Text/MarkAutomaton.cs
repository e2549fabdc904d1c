using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClassifyRpc.Text.Internal;
using ClassifyRpc.Text.Internal.Fuzzy;

namespace ClassifyRpc.Text;

/// <summary>
/// Every mark of a registry snapshot (plural stems, variants, one-edit spellings of fuzzy marks)
/// compiled into one automaton over normalized symbols. Immutable and shareable across threads;
/// a text is scanned once whatever the number of marks.
/// </summary>
public sealed class MarkAutomaton
{
    /// <summary>Skip at the root only while at most this many letters can leave it: with more, the
    /// vectorized search stops too often to pay for itself.</summary>
    private const int MaxSkipStartLetters = 12;

    /// <summary>The pair filter looks at the next code unit too, so it pays with more start letters.</summary>
    private const int MaxPairFilterStartLetters = 18;

    /// <summary>A candidate this close to the end takes the rest of the text into its region.</summary>
    private const int ShortTail = 64;

    /// <summary>Use the anchor filter only while it is expected to flag at most this share of English
    /// code units: each flag costs a window of dense DFA steps around it.</summary>
    private const double MaxAnchorRate = 0.01;

    /// <summary>A text up to this long goes through the DFA without the anchor filter. Measured on the
    /// corpus's fields (the longest is ~170 code units), mixed as the service scans them: reading them
    /// all dense beat filtering those over 64 by 4% (7% on the fields with a hit, whose regions then
    /// start from the exact state), though a description alone still scans 15-20% faster filtered. The
    /// filter and its windows lose more to the short fields around them (the branch history, the
    /// caches) than the dense loop does. It was 64 while the dense loop decided r, v, c by a branch.</summary>
    private const int DenseTail = 192;

    /// <summary>After a match, what is left of a text up to this long goes through the DFA without it.</summary>
    private const int DenseRest = 64;

    /// <summary>
    /// While a text's regions come this close together (code units per region from its start, on
    /// average, after at least <see cref="MinRegions"/>), it is read dense rather than filtered. Each
    /// region costs the filter a few windows of dense steps around its flags and a region read without
    /// the exact state; the dense loop, two readings at once, costs about a nanosecond per code unit. On
    /// the corpus's listings joined into one text (a region per ~300 code units) the dense loop was 25%
    /// faster; on its benign listings (one per ~2,800) the filter was 25% faster than the dense loop.
    /// </summary>
    private const int DenseBelowSpacing = 512;

    /// <summary>Regions a text must have shown before <see cref="DenseBelowSpacing"/> is judged.</summary>
    private const int MinRegions = 8;

    /// <summary>An anchor this near is read on to rather than restarted for, when nothing was skipped yet.</summary>
    private const int NearAnchor = 24;

    private readonly int _stateCount;
    private readonly int[] _transitions;
    private readonly int _acceptThreshold;
    private readonly SearchValues<char>? _rootStay;
    private readonly PairFilter? _pairFilter;
    private readonly AnchorFilter? _anchors;
    private readonly int[] _depth;
    private readonly int[]? _shallowBelow;
    private readonly int _patternCount;
    /// <summary>Fields up to this long take <see cref="Scan"/>'s short path, the dense DFA from the start.</summary>
    private readonly int _denseFieldLength;
    private readonly int _maxSpellingLength;
    private readonly OutputTable _outputs;

    /// <summary>Verifies the fuzzy marks' anchors; null when no mark is fuzzy (or they were compiled expanded).</summary>
    private readonly FuzzyVerifier? _fuzzy;

    private MarkAutomaton(int markCount, Dfa dfa, IReadOnlyList<string> spellings, int[] patternLength, int[] entryStart, PatternEntry[] entries, ScanStrategy strategy, FuzzyVerifier? fuzzy)
    {
        MarkCount = markCount;
        _fuzzy = fuzzy;
        // The DFA's own-pattern and output-link tables only feed the output table: not kept.
        _stateCount = dfa.StateCount;
        _transitions = dfa.Transitions;
        _acceptThreshold = dfa.AcceptThreshold;
        _pairFilter = strategy switch
        {
            ScanStrategy.Auto => PairFilter.TryCreate(dfa, MaxPairFilterStartLetters),
            ScanStrategy.PairFilter => PairFilter.TryCreate(dfa, int.MaxValue),
            ScanStrategy.PairFilterAvx2 => PairFilter.TryCreate(dfa, int.MaxValue, allowVector512: false),
            _ => null,
        };
        _rootStay = strategy switch
        {
            ScanStrategy.Auto when _pairFilter is null => BuildRootSkip(dfa, MaxSkipStartLetters),
            ScanStrategy.RootSkip => BuildRootSkip(dfa, int.MaxValue),
            _ => null,
        };
        _anchors = strategy switch
        {
            // Only where it runs 64 wide: the scalar path is no faster than the DFA itself.
            ScanStrategy.Auto when _pairFilter is null && _rootStay is null && AnchorFilter.IsVectorized => AnchorFilter.TryCreate(spellings, MaxAnchorRate, vectorized: true),
            ScanStrategy.Anchored => AnchorFilter.TryCreate(spellings, double.PositiveInfinity, vectorized: true),
            ScanStrategy.AnchoredScalar => AnchorFilter.TryCreate(spellings, double.PositiveInfinity, vectorized: false),
            _ => null,
        };
        // Every strategy: where the DFA read the whole text, a candidate's depth bounds its region.
        _depth = DfaBuilder.Depths(dfa);
        _shallowBelow = _anchors is null ? null : ShallowBelow(_depth, dfa.AcceptThreshold);
        _patternCount = patternLength.Length;
        _maxSpellingLength = patternLength.Length == 0 ? 0 : patternLength.Max();
        _outputs = OutputTable.Build(dfa, patternLength, entryStart, entries);
        // The texts ReadsDense sends through the dense DFA from their start, as one compare.
        _denseFieldLength = _patternCount == 0 ? 0
            : _anchors is not null ? DenseTail
            : ReadsDense(1, 0) ? int.MaxValue
            : 0;
    }

    /// <summary>Compiles the marks. Throws <see cref="MarkDefinitionException"/> for a mark that cannot compile.</summary>
    public static MarkAutomaton Build(IReadOnlyList<MarkDefinition> marks) => Build(marks, MarkLimits.Default, ScanStrategy.Auto);

    /// <summary>Compiles the marks within <paramref name="limits"/>. Throws <see cref="MarkDefinitionException"/>
    /// for a mark that cannot compile (or is over a per-mark limit) and <see cref="AutomatonLimitException"/>
    /// when the marks together are over a limit; either is thrown before the automaton is allocated.</summary>
    public static MarkAutomaton Build(IReadOnlyList<MarkDefinition> marks, MarkLimits limits) => Build(marks, limits, ScanStrategy.Auto);

    /// <summary>
    /// Compiles a few marks into the smallest automaton: fuzzy marks as verified anchors whatever their number
    /// (<see cref="MarkLimits.MaxExpandedTypos"/> ignored) and no prefilter in front of the DFA. For automata
    /// that are many and small (one per court order, scanned beside others): about 20 KB for five marks.
    /// </summary>
    public static MarkAutomaton BuildCompact(IReadOnlyList<MarkDefinition> marks, MarkLimits limits) =>
        Build(marks, limits, ScanStrategy.Dense, FuzzyMode.Verified);

    internal static MarkAutomaton Build(IReadOnlyList<MarkDefinition> marks, ScanStrategy strategy) => Build(marks, MarkLimits.Default, strategy);

    internal static MarkAutomaton Build(IReadOnlyList<MarkDefinition> marks, MarkLimits limits, ScanStrategy strategy, FuzzyMode fuzzyMode = FuzzyMode.Auto)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(limits);
        if (fuzzyMode == FuzzyMode.Auto)
        {
            fuzzyMode = PatternCompiler.EstimateTypos(marks) <= limits.MaxExpandedTypos ? FuzzyMode.Expanded : FuzzyMode.Verified;
        }
        var compiler = new PatternCompiler(limits, fuzzyMode);
        for (int i = 0; i < marks.Count; i++)
        {
            compiler.Add(i, marks[i]);
        }
        compiler.AddAnchors();
        FuzzyVerifier? fuzzy = null;
        if (!compiler.Fuzzy.IsEmpty)
        {
            var wholeWords = new bool[marks.Count];
            for (int i = 0; i < wholeWords.Length; i++)
            {
                wholeWords[i] = marks[i].Mode == MarkMode.Word;
            }
            fuzzy = compiler.Fuzzy.Build(wholeWords);
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

        Dfa dfa = DfaBuilder.Build(spellings, limits.MaxStates);
        var printed = new string[spellings.Count];
        for (int p = 0; p < printed.Length; p++)
        {
            printed[p] = string.Create(spellings[p].Length, spellings[p], static (span, s) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = Symbols.Printed[s[i]];
                }
            });
        }
        return new MarkAutomaton(marks.Count, dfa, spellings, patternLength, entryStart, [.. entries], strategy, fuzzy) { Spellings = printed, FuzzyCompiledAs = fuzzyMode };
    }

    /// <summary>Number of marks compiled.</summary>
    public int MarkCount { get; }

    /// <summary>Number of distinct normalized spellings compiled (stems, variants, fuzzy expansions).</summary>
    public int PatternCount => _patternCount;

    /// <summary>The compiled spellings, printed as symbols (diagnostics and benchmarks).</summary>
    internal IReadOnlyList<string> Spellings { get; private init; } = [];

    /// <summary>The fast pass's way over text at the root (diagnostics, tests); with the anchor filter,
    /// <see cref="ScanStrategy.Dense"/>: inside its windows every code unit goes through the DFA.</summary>
    internal ScanStrategy Strategy =>
        _pairFilter is not null ? (!_pairFilter.IsVector512 && WidePairFilter.IsSupported ? ScanStrategy.PairFilterAvx2 : ScanStrategy.PairFilter)
        : _rootStay is not null ? ScanStrategy.RootSkip : ScanStrategy.Dense;

    /// <summary>The anchor filter in front of the DFA, if any (diagnostics, tests).</summary>
    internal AnchorFilter? Anchors => _anchors;

    /// <summary>Number of DFA states.</summary>
    public int StateCount => _stateCount;

    /// <summary>Approximate bytes held by the automaton's tables.</summary>
    public long MemoryBytes =>
        (long)_transitions.Length * sizeof(int)
        + (long)_depth.Length * sizeof(int)
        + (_shallowBelow is null ? 0 : (long)_shallowBelow.Length * sizeof(int))
        + _outputs.MemoryBytes
        + (_fuzzy?.MemoryBytes ?? 0)
        + SpellingBytes();

    /// <summary>How the fuzzy marks were compiled (diagnostics, tests).</summary>
    internal FuzzyMode FuzzyCompiledAs { get; private init; }

    /// <summary>Fuzzy anchors in the DFA (diagnostics, tests).</summary>
    internal int FuzzyAnchorCount => _fuzzy?.AnchorCount ?? 0;

    private long SpellingBytes()
    {
        long bytes = 0;
        foreach (string s in Spellings)
        {
            bytes += 24 + 2L * s.Length;   // object header, length, chars (approximately)
        }
        return bytes;
    }

    /// <summary>
    /// Scans <paramref name="text"/> and appends its hits to <paramref name="hits"/> (ordered by start;
    /// a fuzzy hit overlapping an exact hit of the same mark is dropped). Allocates nothing once the
    /// buffer is large enough.
    /// </summary>
    /// <remarks>
    /// Two passes of different cost. The fast pass runs the DFA over the code units (a table entry and a
    /// transition per code unit, a vectorized skip at the root for small mark sets) and only learns that
    /// some spelling may end somewhere. Around each such place, and only there, the detailed pass reads
    /// the text again as symbol runs with word boundaries and source offsets, and cuts the hits. The
    /// region it reads starts at a separator at least as many runs back as the longest spelling (no match
    /// ending here can start earlier) and ends at the next separator (the word and its trailing
    /// punctuation are complete); the fast pass then resumes there in the state it would have had, and
    /// each region reports only the matches whose last symbol lies past the previous region, so regions
    /// may overlap without reporting a match twice. A long description with one mark costs one fast
    /// pass and a few words of detailed reading.
    /// </remarks>
    public void Scan(ReadOnlySpan<char> text, MarkHitBuffer hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        if ((uint)text.Length - 1 < (uint)_denseFieldLength)
        {
            // Most fields are short and hold no mark: one run of the DFA's loop over them and out. Every
            // other step of the scan (the candidate's region, a code unit the loop leaves to the token
            // reader) is behind one call, so this path keeps nothing on the stack.
            long run = ReadDense(text, 0, 0);
            if (run >> 32 != text.Length)
            {
                ScanDenseField(text, hits, run);
            }
            return;
        }
        ScanAny(text, hits);
    }

    /// <summary><see cref="Scan"/> for a text its short path does not take.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // its locals go by reference: inlined, Scan's short path paid for their frame
    private void ScanAny(ReadOnlySpan<char> text, MarkHitBuffer hits)
    {
        if (text.IsEmpty || _patternCount == 0)
        {
            return;
        }
        if (_anchors is null)
        {
            // A filter at the root (the dense DFA alone takes every field above).
            int position = 0;
            int state = 0;
            if (FindAtRoot(text, ref position, ref state))
            {
                ScanRegions(text, hits, position, state, passedOutput: false, exact: false);
            }
            return;
        }
        ScanRegions(text, hits, -1, 0, false, exact: false);
    }

    /// <summary>
    /// The rest of a field that <see cref="DenseLoop.Run"/> read from its start and stopped in (<paramref name="run"/>,
    /// as it returned it, short of the field's end or at a candidate).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // keeps Scan's short path free of this one's frame
    private void ScanDenseField(ReadOnlySpan<char> text, MarkHitBuffer hits, long run)
    {
        int position = 0;
        int state = 0;
        if (ContinueDense(text, run, ref position, ref state, out bool passedOutput))
        {
            ScanRegions(text, hits, position, state, passedOutput, exact: true);
        }
    }

    /// <summary>
    /// The scan from the first candidate on (<paramref name="candidate"/>, with the DFA's
    /// <paramref name="state"/> there, found from the text's start; <paramref name="exact"/> when the
    /// DFA read every code unit to it), or from the text's start when <paramref name="candidate"/> is
    /// negative: a region read by the detailed pass around each candidate, the fast pass resumed after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // Scan, which callers inline, stays the short path of most fields
    private void ScanRegions(ReadOnlySpan<char> text, MarkHitBuffer hits, int candidate, int state, bool passedOutput, bool exact)
    {
        // Hits are post-processed (merged, dropped, ordered) in clusters: once a region starts at or
        // past the end of every pending hit, no later hit can overlap them or start before them, so
        // they are final. A long text with many marks then sorts a few hits at a time, not all at once.
        int pendingFrom = hits.Count;
        int pendingEnd = 0;
        int position = Math.Max(candidate, 0);
        int reportFrom = 0;
        // The anchor filter's place in the text, kept from one region to the next: the blocks it
        // already filtered are not filtered again, nor the kept code units before them re-read.
        AnchorBlocks anchors = default;
        bool found = candidate >= 0;
        // Regions read so far: while they come closer together than DenseBelowSpacing, the text is read
        // dense (the filter pays only while its flags are sparse).
        int regions = 0;
        while (true)
        {
            if (!found)
            {
                bool dense = ReadsDense(text.Length, position);
                if (!dense && _anchors is not null && regions >= MinRegions && position <= regions * DenseBelowSpacing)
                {
                    // Candidates come close together: read on dense, from the DFA's exact state.
                    dense = true;
                    if (!exact)
                    {
                        state = ExactStateAt(text, position);
                        exact = true;
                    }
                }
                // Whether every code unit read so far went through the DFA (no filter skipped or
                // restarted it), or the state was caught up: then the state is the DFA's over the whole
                // text, and the longest spelling prefix it stands for (its depth) bounds how far back
                // any match still to be reported can start.
                exact &= dense;
                if (!FindCandidate(text, ref position, ref state, ref anchors, dense, out passedOutput))
                {
                    break;
                }
            }
            found = false;
            if (!passedOutput && WordGoesOn(text, position, state))
            {
                // No word ends in the candidate's run, and every spelling it reports must end one: the
                // region would report nothing ("Lumi" in "illuminated", "aluminium"). Read on from here.
                continue;
            }
            if (!passedOutput && _fuzzy is not null && state >= _acceptThreshold && _outputs.AnchorsOnly(state) && AnchorsDie(text, position, state))
            {
                // Only fuzzy anchors end here, and none completes a spelling: no region. On to the next
                // change of state, as after a region that ends in a state with output.
                found = LeaveOutput(text, ref position, ref state, out passedOutput);
                continue;
            }
            regions++;
            // A token of several symbols (StepSlow) may have passed a state with output and left it
            // for a shallower one: then only the longest spelling bounds the match it passed.
            bool known = exact && !passedOutput;
            int at = position;
            int start = RegionStart(text, at, known ? _depth[DfaBuilder.Number(state)] : _maxSpellingLength);
            // Where the state is the DFA's over the whole text, the detailed pass takes it from here.
            int knownEnd = known ? position - start : 0;
            int knownState = state;
            int end;
            if (text.Length - position <= ShortTail)
            {
                // Little text left: reading it in this region costs less than resuming the fast pass
                // and maybe opening another region over the same words.
                end = position = text.Length;
            }
            else
            {
                end = RegionEnd(text, ref position, ref state);
                if (state >= _acceptThreshold)
                {
                    // The region ends at a separator in a state with output: the fast pass must not
                    // take that state again for a candidate (it reopened the same words, a region's worth
                    // of work that reported nothing, for most marks in long texts).
                    found = LeaveOutput(text, ref position, ref state, out passedOutput);
                }
            }
            if (hits.Count > pendingFrom && start >= pendingEnd && FlushFrom(text, start, at) >= pendingEnd)
            {
                HitPostProcessor.Process(hits, pendingFrom);
                pendingFrom = hits.Count;
            }
            int before = hits.Count;
            MatchRegion(text, start, end, reportFrom, knownEnd, knownState, hits);
            for (int h = before; h < hits.Count; h++)
            {
                ref readonly MarkHit hit = ref hits[h];
                pendingEnd = Math.Max(pendingEnd, hit.Start + hit.Length);
            }
            if (end == text.Length)
            {
                break;   // the region read the text to its end (ShortTail, most fields with a mark): nothing left to find
            }
            reportFrom = end;
        }
        if (hits.Count > pendingFrom)
        {
            HitPostProcessor.Process(hits, pendingFrom);
        }
    }

    /// <summary>
    /// Where the earliest hit of a region starting at <paramref name="start"/> for the candidate at
    /// <paramref name="candidate"/> may start: the region's start, or, with fuzzy anchors, as far back as a
    /// verification may read from an anchor at or after the candidate (<see cref="VerifyAnchor"/>). Hits
    /// pending before are final only once every hit still to come starts past them.
    /// </summary>
    private int FlushFrom(ReadOnlySpan<char> text, int start, int candidate) =>
        _fuzzy is null ? start : Math.Min(start, RegionStart(text, candidate, _fuzzy.Reach));

    /// <summary>The detailed pass over the whole text, without the fast pass (tests compare both).</summary>
    internal void ScanDetailed(ReadOnlySpan<char> text, MarkHitBuffer hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        int from = hits.Count;
        MatchRegion(text, 0, text.Length, 0, 0, 0, hits);
        HitPostProcessor.Process(hits, from);
    }

    /// <summary>Whether the fast pass finds a place where some spelling may end.</summary>
    internal bool MayMatch(ReadOnlySpan<char> text)
    {
        int position = 0;
        int state = 0;
        AnchorBlocks anchors = default;
        return FindCandidate(text, ref position, ref state, ref anchors, ReadsDense(text.Length, 0), out _);
    }

    /// <summary>What the dense loop returns reading <paramref name="text"/> from <paramref name="start"/> (where
    /// nothing is pending) in <paramref name="state"/>: as one reading, or as two halves at once (tests
    /// compare both).</summary>
    internal long DenseReading(ReadOnlySpan<char> text, int start, int state, bool halves) =>
        halves
            ? DenseLoop.Split(ref MemoryMarshal.GetReference(text), start, text.Length, ref MemoryMarshal.GetArrayDataReference(_transitions), (uint)_acceptThreshold, (uint)state)
            : DenseLoop.Run(ref MemoryMarshal.GetReference(text), start, text.Length, ref MemoryMarshal.GetArrayDataReference(_transitions), (uint)_acceptThreshold, (uint)state);

    /// <summary>The DFA's state at <paramref name="position"/> (a token boundary): read from the text's start
    /// (<paramref name="caughtUp"/> false), or caught up from a restart point as the scan does when it
    /// turns to the dense loop mid-text (tests compare both).</summary>
    internal int StateAt(ReadOnlySpan<char> text, int position, bool caughtUp) =>
        caughtUp ? ExactStateAt(text, position) : StateFrom(text, 0, position);

    /// <summary>
    /// The detailed pass over text[<paramref name="start"/>..<paramref name="end"/>]: reports the matches
    /// whose last run begins at or after <paramref name="reportFrom"/>. <paramref name="knownEnd"/>
    /// (relative to the region; 0 if none): where the fast pass's state over the whole text,
    /// <paramref name="knownState"/>, holds (see <see cref="RunBuilder.Build(ReadOnlySpan{char}, int, int)"/>).
    /// </summary>
    [SkipLocalsInit]
    private void MatchRegion(ReadOnlySpan<char> text, int start, int end, int reportFrom, int knownEnd, int knownState, MarkHitBuffer hits)
    {
        var builder = new RunBuilder(stackalloc SymbolRun[128], _transitions, _acceptThreshold, stackalloc int[32]);
        try
        {
            builder.Build(text[start..end], knownEnd, knownState);
            var region = new Region(text, start, end);
            if (builder.AcceptsComplete)
            {
                ReportAccepts(builder.Runs, builder.Accepts, region, reportFrom - start, hits);
            }
            else
            {
                Match(builder.Runs, region, reportFrom - start, hits);
            }
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// Runs the fast pass from <paramref name="position"/> until the DFA enters a state with output
    /// (true, <paramref name="position"/> just past it) or the text ends (false).
    /// </summary>
    /// <remarks><paramref name="dense"/>: the DFA reads every code unit (<see cref="FindDense"/>), else the
    /// automaton's filter runs in front of it. <paramref name="passedOutput"/>: the dense DFA's last token
    /// passed a state with output before the one it returns (only <see cref="FindDense"/> says so; the
    /// others leave it false).
    /// <paramref name="anchors"/>: the anchor filter's cursor over this text (default until the filter
    /// first runs), kept by the caller across calls; positions only move forwards.</remarks>
    private bool FindCandidate(ReadOnlySpan<char> text, ref int position, ref int state, ref AnchorBlocks anchors, bool dense, out bool passedOutput)
    {
        if (dense)
        {
            return FindDense(text, ref position, ref state, out passedOutput);
        }
        passedOutput = false;
        return _anchors is not null ? FindAnchored(text, ref position, ref state, ref anchors) : FindAtRoot(text, ref position, ref state);
    }

    /// <summary>The fast pass with a filter at the DFA's root (pair filter or root skip).</summary>
    private bool FindAtRoot(ReadOnlySpan<char> text, ref int position, ref int state) =>
        _pairFilter is not null ? FindFiltered(text, ref position, ref state) : FindSkipping(text, ref position, ref state);

    /// <summary>Whether <see cref="FindCandidate"/> from <paramref name="position"/> runs the DFA over every code unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ReadsDense(int length, int position) =>
        _anchors is not null
            // Short texts, and what is left of one after a match (it often holds more), are read as
            // they come (see DenseTail, DenseRest). Decided here: FindAnchored's frame is large to set
            // up. Scan's short path takes the texts this sends to the dense DFA from their start
            // (_denseFieldLength).
            ? length - position <= (position == 0 ? DenseTail : DenseRest)
            : _pairFilter is null && _rootStay is null;

    private bool FindFiltered(ReadOnlySpan<char> text, ref int position, ref int state)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        PairFilter filter = _pairFilter!;
        int threshold = _acceptThreshold;
        int length = text.Length;
        int s = state;
        int i = position;
        while (i < length)
        {
            if (s == 0)
            {
                // At the root, jump to the next place a spelling may start (vectorized).
                i = filter.Next(text, i);
                if (i >= length)
                {
                    break;
                }
            }
            s = StepAt(text, ref chars, ref classes, ref transitions, i, s, out i);
            if (s >= threshold)
            {
                position = i;
                state = s & ~PassedOutput;
                return true;
            }
        }
        position = i;
        state = s;
        return false;
    }

    /// <summary>
    /// The fast pass behind the <see cref="AnchorFilter"/>: the DFA runs only in windows around
    /// flagged code units (anchors), from a restart point a little before each.
    /// </summary>
    /// <remarks>
    /// Why no match is lost. Every spelling is covered by a piece it holds, so every match holds the
    /// anchor of its covering piece: a flagged code unit inside it (the filter flags every place the
    /// piece may occur), and the buckets flagging it bound, by their lead, how many symbol runs of
    /// the match precede it. (1) Each anchor is met ahead of the DFA (at or after where it is) and
    /// gets a restart point at least that many runs back (<see cref="RestartBefore"/>: a code unit
    /// that is a whole token, so a reading from it takes the text's own tokens), at or before the
    /// start of every match it answers for. If the DFA's reading began later than that point, it
    /// catches up: it reads from the restart point to where it is, without reporting (any match
    /// ending there holds an earlier anchor, already dealt with), and keeps the deeper of the two
    /// states: both are the longest suffix of the text read that begins a spelling, for two starting
    /// points, so the deeper one is that of the earlier start (a reading of n code units reaches depth
    /// n at most, so when the state is already that deep the catch-up is skipped). A restart point
    /// ahead of the DFA is jumped to when the window closes; from the text's start with the anchor
    /// near, the DFA simply reads on. (2) A window closes only once no match through an anchor
    /// already read can still end: such a match in progress, read from its start, is a suffix of
    /// what the DFA read, so the state's depth (its spelling prefix's length) exceeds the symbol runs
    /// begun since that anchor, and those runs are at least the state changes counted since (a new
    /// run changes the state unless the DFA is at its root, of depth 0). So depth &lt;= changes since
    /// the last anchor read proves nothing pending that (1) guarantees was read from its start. A
    /// match through an anchor whose window started too late for it (not its covering piece's) is
    /// found in its covering anchor's window. On entry (after the detailed pass, mid-text) nothing is
    /// known of what was read before: the count starts there (a match in progress then began
    /// earlier: as safe) and the reading is taken to begin there (so the next anchor's restart point
    /// catches up, keeping the deeper state).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]   // its own inlining budget: Step must inline in both loops
    [SkipLocalsInit]
    private bool FindAnchored(ReadOnlySpan<char> text, ref int position, ref int state, ref AnchorBlocks cursor)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        ref int shallowBelow = ref MemoryMarshal.GetArrayDataReference(_shallowBelow!);
        int maxChanges = _shallowBelow!.Length - 1;
        AnchorFilter anchors = _anchors!;
        int threshold = _acceptThreshold;
        int length = text.Length;
        int s = state;
        int i = position;
        int readFrom = i;
        if (!cursor.IsStarted)
        {
            cursor.Start(anchors, text, i);
        }
        int anchor = cursor.Next(anchors, text, i);
        // MeetAnchor takes copies: a local passed by reference lives in memory for the whole method,
        // and the state's chain through every step would pay a store and a load.
        int metState = s, metFrom = readFrom;
        int restart = MeetAnchor(text, anchor, anchor < length ? anchors.LeadOf(cursor.Buckets(anchor)) : 0, i, ref metState, ref metFrom);
        s = metState;
        readFrom = metFrom;
        int changes = 0;
        while (true)
        {
            // After an anchor (or on entry): on while a match through it may still end.
            while (i < anchor && s >= Unsafe.Add(ref shallowBelow, changes))
            {
                int before = s;
                s = StepAt(text, ref chars, ref classes, ref transitions, i, s, out i);
                if (s >= threshold)
                {
                    position = i;
                    state = s & ~PassedOutput;
                    return true;
                }
                changes = Math.Min(changes + (s != before ? 1 : 0), maxChanges);
            }
            if (i < anchor && restart > i)
            {
                // The window closed short of the next anchor's restart point: jump there.
                i = restart;
                s = 0;
                readFrom = restart;
            }
            if (anchor >= length)
            {
                position = length;
                state = s;
                return false;
            }

            // Up to and through the anchor.
            while (i <= anchor)
            {
                s = StepAt(text, ref chars, ref classes, ref transitions, i, s, out i);
                if (s >= threshold)
                {
                    position = i;
                    state = s & ~PassedOutput;
                    return true;
                }
            }
            changes = 0;
            anchor = cursor.Next(anchors, text, i);
            metState = s;
            metFrom = readFrom;
            restart = MeetAnchor(text, anchor, anchor < length ? anchors.LeadOf(cursor.Buckets(anchor)) : 0, i, ref metState, ref metFrom);
            s = metState;
            readFrom = metFrom;
        }
    }

    /// <summary>
    /// Per count c of state changes: the lowest id of a state without output deeper than
    /// c (the accept threshold if none), so every state below it has depth &lt;= c and the scan tests
    /// "nothing pending" with one compare. States are numbered breadth first, so this cuts exactly;
    /// another numbering would only keep windows open longer.
    /// </summary>
    private static int[] ShallowBelow(int[] depth, int acceptThreshold)
    {
        int outputFrom = DfaBuilder.Number(acceptThreshold);
        int maxDepth = 0;
        for (int u = 0; u < outputFrom; u++)
        {
            maxDepth = Math.Max(maxDepth, depth[u]);
        }
        var below = new int[maxDepth + 1];
        below.AsSpan().Fill(acceptThreshold);
        for (int u = 0; u < outputFrom; u++)
        {
            for (int c = 0; c < depth[u]; c++)
            {
                below[c] = Math.Min(below[c], u * DfaBuilder.RowBytes);
            }
        }
        return below;
    }

    /// <summary>
    /// An anchor met at or ahead of the DFA (at <paramref name="i"/>, reading since
    /// <paramref name="readFrom"/>): its restart point, after catching the DFA up from there if its
    /// reading began later (see <see cref="FindAnchored"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // once per anchor, off the loops
    private int MeetAnchor(ReadOnlySpan<char> text, int anchor, int lead, int i, ref int state, ref int readFrom)
    {
        if (anchor >= text.Length)
        {
            return text.Length;
        }
        if (readFrom == 0 && anchor - i <= NearAnchor)
        {
            // Read from the text's start, and the anchor is near: reading on to it costs less than
            // finding a restart point (which could not be much further on anyway).
            return i;
        }
        int restart = RestartBefore(text, anchor, lead);
        // A reading of i - restart code units reaches at most that depth: no deeper than the state
        // already is, it would change nothing.
        if (restart < readFrom && restart < i && _depth[DfaBuilder.Number(state)] < i - restart)
        {
            int s = StateFrom(text, restart, i);
            if (_depth[DfaBuilder.Number(s)] > _depth[DfaBuilder.Number(state)])
            {
                state = s;
            }
        }
        readFrom = Math.Min(readFrom, restart);
        return restart;
    }

    /// <summary>
    /// The DFA's state at <paramref name="position"/> (a token boundary) as a reading of the whole text
    /// would have it: read from a restart point more runs back than any spelling holds, which holds the
    /// longest suffix of the text that begins a spelling, so both readings agree there.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // once per switch to the dense reading
    private int ExactStateAt(ReadOnlySpan<char> text, int position) =>
        StateFrom(text, RestartBefore(text, position, _maxSpellingLength), position);

    /// <summary>The DFA's state after reading text[<paramref name="from"/>..<paramref name="to"/>] from its
    /// root, without reporting: <paramref name="from"/> is a clean point (<see cref="RestartBefore"/>) and
    /// <paramref name="to"/> a token boundary, so the reading takes the text's own tokens and ends there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StateFrom(ReadOnlySpan<char> text, int from, int to)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        int s = 0;
        int j = from;
        while (j < to)
        {
            s = StepAt(text, ref chars, ref classes, ref transitions, j, s, out j) & ~PassedOutput;
        }
        Debug.Assert(j == to);
        return s;
    }

    /// <summary>
    /// A point the DFA can start reading from with at least <paramref name="runs"/> symbol runs between
    /// it and the run holding <paramref name="anchor"/>: counted as in <see cref="RegionStart"/> (only
    /// code units that are a whole symbol on their own, which never over-counts), one more for the
    /// anchor's own run. It is the last code unit counted, or the text's start: such a code unit is no
    /// second letter of rn, vv, cl, nor part of anything longer, so a reading from it takes the same
    /// tokens as a reading of the whole text. (The DFA needs no word boundary; the detailed pass,
    /// which does, finds its own.)
    /// </summary>
    private static int RestartBefore(ReadOnlySpan<char> text, int anchor, int runs) => RunsBack(text, anchor - 1, runs + 1);

    private bool FindDense(ReadOnlySpan<char> text, ref int position, ref int state, out bool passedOutput) =>
        ContinueDense(text, ReadDense(text, position, state), ref position, ref state, out passedOutput);

    /// <summary><see cref="DenseLoop.Read"/> over the rest of <paramref name="text"/> from <paramref name="start"/>
    /// (where nothing is pending), in <paramref name="state"/>, with this automaton's tables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ReadDense(ReadOnlySpan<char> text, int start, int state) =>
        DenseLoop.Read(ref MemoryMarshal.GetReference(text), start, text.Length, ref MemoryMarshal.GetArrayDataReference(_transitions), (uint)_acceptThreshold, (uint)state);

    /// <summary>
    /// <see cref="FindDense"/> from where <see cref="DenseLoop.Run"/> stopped (<paramref name="run"/>, as it
    /// returned it): a candidate, the text's end, or a code unit for <see cref="StepSpecial"/>, after which
    /// the DFA's loop goes on.
    /// </summary>
    private bool ContinueDense(ReadOnlySpan<char> text, long run, ref int position, ref int state, out bool passedOutput)
    {
        int threshold = _acceptThreshold;
        int length = text.Length;
        while (true)
        {
            int i = (int)(run >> 32) & int.MaxValue;
            int s = (int)run;
            if (run < 0 || i >= length)
            {
                position = i;
                state = s;
                passedOutput = false;
                return run < 0;
            }
            // A code unit the dense loop leaves to the token reader (not ASCII, or a pair letter before it).
            s = StepSpecial(text, ref i, ScanClasses.Table[text[i]], s);
            if (s >= threshold)
            {
                position = i;
                state = s & ~PassedOutput;
                passedOutput = (s & PassedOutput) != 0;
                return true;
            }
            run = ReadDense(text, i, s);
        }
    }

    private bool FindSkipping(ReadOnlySpan<char> text, ref int position, ref int state)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        SearchValues<char> rootStay = _rootStay!;
        int threshold = _acceptThreshold;
        int length = text.Length;
        int s = state;
        int i = position;
        while (i < length)
        {
            if (s == 0)
            {
                // At the root, jump to the next code unit that can leave it (vectorized).
                int skip = text[i..].IndexOfAnyExcept(rootStay);
                if (skip < 0)
                {
                    i = length;
                    break;
                }
                i += skip;
            }
            s = StepAt(text, ref chars, ref classes, ref transitions, i, s, out i);
            if (s >= threshold)
            {
                position = i;
                state = s & ~PassedOutput;
                return true;
            }
        }
        position = i;
        state = s;
        return false;
    }

    /// <summary>
    /// Where the detailed pass must start to see every match ending at or after <paramref name="candidate"/>
    /// in its region: a separator (so no word is cut) with more symbol runs before the candidate than
    /// <paramref name="longest"/>, the most runs of such a match before it: the longest spelling, or,
    /// where the DFA read every code unit from the text's start, the candidate state's depth (its state
    /// is the longest suffix of the text that begins a spelling, so a match ending here or later began
    /// within it; on a ~50-character field that halves the region). The count never exceeds the true
    /// number of runs: only code units that are a whole symbol on their own are counted (not r, v, c nor
    /// what may pair with them as the second letter of rn, vv, cl: n, v, l; not expansions, surrogates,
    /// separators, ignored characters), and the runs of a subsequence of the symbols are never more
    /// than the runs of the symbols. So counting up to <paramref name="longest"/> plus one is enough
    /// (the one more: the region's first run may be the tail of a run that began before the separator).
    /// </summary>
    private int RegionStart(ReadOnlySpan<char> text, int candidate, int longest)
    {
        int needed = longest + 1;
        if (candidate <= needed)
        {
            // Each code unit counts at most once: not enough of them to count that far back.
            return 0;
        }
        ref byte counted = ref MemoryMarshal.GetArrayDataReference(s_counted);
        for (int i = RunsBack(text, candidate - 1, needed) - 1; i > 0; i--)
        {
            if (Unsafe.Add(ref counted, (nint)text[i]) == SeparatorCounted)
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>
    /// Walking back from <paramref name="from"/> (down to 1, the text's first code unit never read), the code
    /// unit at which <paramref name="needed"/> symbol runs are counted, or 0 when the text runs out first: the
    /// one count behind <see cref="RegionStart"/> and <see cref="RestartBefore"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RunsBack(ReadOnlySpan<char> text, int from, int needed)
    {
        int changes = 0;
        int previous = -1;
        for (int i = from; i > 0; i--)
        {
            if (StartsRun(text[i], ref previous) && ++changes == needed)
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>The counting rule of <see cref="RunsBack"/> and <see cref="WordEndAfter"/>: whether
    /// <paramref name="c"/> is a whole symbol on its own that differs from the last one counted
    /// (<paramref name="previous"/>, updated when it is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsRun(char c, ref int previous)
    {
        int cls = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_counted), (nint)c);
        if (cls < Symbols.Count && cls != previous)
        {
            previous = cls;
            return true;
        }
        return false;
    }

    private const byte NotCounted = 0xFF;
    private const byte SeparatorCounted = 0xFE;

    /// <summary>Per BMP code unit (64 KB), what <see cref="RegionStart"/> counts: the symbol's scan class,
    /// <see cref="NotCounted"/>, or <see cref="SeparatorCounted"/> (not counted either): one load per
    /// code unit, look-alikes included (two lookups in the 64 KB and 128 KB tables before).</summary>
    private static readonly byte[] s_counted = BuildCounted();

    private static byte[] BuildCounted()
    {
        var table = new byte[0x10000];
        for (int c = 0; c < table.Length; c++)
        {
            table[c] = CharTable.Bmp[c] == CharTable.Separator ? SeparatorCounted : (byte)CountedClass((char)c);
        }
        return table;
    }

    /// <summary>The scan class a code unit counts as in <see cref="RegionStart"/>, or <see cref="NotCounted"/>.</summary>
    private static int CountedClass(char c)
    {
        int cls = ScanClasses.Table[c];
        return cls >= ScanClasses.NoOp || Symbols.IsPairSecond((char)CharTable.Bmp[c]) ? NotCounted : cls;
    }

    /// <summary>
    /// Continues the fast pass from the candidate to the next separator, where every match ending in
    /// this word is complete (its trailing punctuation read): the detailed pass stops there and the
    /// fast pass resumes from there, in the same state.
    /// </summary>
    private int RegionEnd(ReadOnlySpan<char> text, ref int position, ref int state)
    {
        int i = position;
        int s = state;
        while (i < text.Length)
        {
            char c = text[i];
            int cls = ScanClasses.Table[c];
            if (cls <= ScanClasses.NoOp)
            {
                if (CharTable.Bmp[c] == CharTable.Separator)
                {
                    break;
                }
                s = DfaBuilder.Next(_transitions, s, cls);
                i++;
            }
            else
            {
                s = StepSpecial(text, ref i, cls, s) & ~PassedOutput;
            }
        }
        position = i;
        state = s;
        return i;
    }

    /// <summary>
    /// Whether a candidate (the DFA just entered <paramref name="state"/>, with output, by the token
    /// before <paramref name="position"/>) can be passed over without a region: every spelling the state
    /// reports is a word-mode one, and the next code unit is an ASCII letter or digit of another symbol
    /// (not r, v, c, whose symbol depends on the code unit after them). The candidate's token then
    /// begins the match's last run and that run ends right after it, inside the word: no word ends in
    /// it, not even before trailing ! | $ @ (a letter follows them), so no word-mode match ends here.
    /// The suffixed forms (-s, -ing, ...) are spellings of their own, with candidates of their own.
    /// </summary>
    private bool WordGoesOn(ReadOnlySpan<char> text, int position, int state)
    {
        // (The filtered passes report a token of several symbols that passed a state with output as a
        // candidate in whatever state it left, with or without output: only a state with output counts.)
        if ((uint)position >= (uint)text.Length || state < _acceptThreshold || !_outputs.WholeWordsOnly(state))
        {
            return false;
        }
        // The token reader may have read on past the candidate's token (a pair letter's look-ahead across
        // ignored characters, up to a separator): only where the code unit before the position is a letter or
        // digit of the candidate's own token does the word go on into the next code unit.
        char c = text[position];
        int cls = ScanClasses.Table[c];
        return position > 0 && char.IsAsciiLetterOrDigit(text[position - 1])
            && char.IsAsciiLetterOrDigit(c) && cls < ScanClasses.NoOp && DfaBuilder.Next(_transitions, state, cls) != state;
    }

    /// <summary>
    /// From a state with output at <paramref name="position"/>, whose matches a region has read, on to the
    /// first code unit that changes the state: true when the state it enters has output (a new candidate),
    /// false when it has none or the text ends. The code units in between (separators, ignored characters,
    /// the same symbol again, which extends the last run across the separator) leave the state as it is,
    /// so they begin no run: every match they could extend ends in a run that began before the region's
    /// end, which the next region would not report anyway. (A new run always changes a state of depth one
    /// or more: its spelling prefix then ends in another symbol.)
    /// </summary>
    private bool LeaveOutput(ReadOnlySpan<char> text, ref int position, ref int state, out bool passedOutput)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        int s = state;
        int i = position;
        while (i < text.Length)
        {
            int next = StepAt(text, ref chars, ref classes, ref transitions, i, s, out i);
            if (next != s)
            {
                position = i;
                state = next & ~PassedOutput;
                passedOutput = (next & PassedOutput) != 0;
                return next >= _acceptThreshold;
            }
        }
        position = i;
        passedOutput = false;
        return false;
    }

    /// <summary>
    /// One step of the fast pass: a table entry and a transition for most code units; ASCII r, v, c
    /// followed by an ASCII code unit (a tenth of English text) decide rn/vv/cl inline from
    /// <see cref="PairLetters.Info"/>; everything else goes to <see cref="StepSpecial"/>. The position goes by
    /// value (<paramref name="next"/>: past what was read) so the loops keep it in a register: only the
    /// rare code unit <see cref="StepSpecial"/> reads goes through a copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int StepAt(ReadOnlySpan<char> text, ref char chars, ref byte classes, ref int transitions, int i, int s, out int next)
    {
        int cls = Unsafe.Add(ref classes, (nint)Unsafe.Add(ref chars, i));
        if (cls <= ScanClasses.NoOp)
        {
            next = i + 1;
            // The column's address first, then the state's row in it (DfaBuilder.Next): s + cls as one
            // index put an add and a sign extension on the state's chain, a third of each step. The
            // state as an unsigned offset rather than a native int: a 64-bit state costs more in the
            // loops (sign extensions of the threshold and the compares) than it saves.
            return DfaBuilder.Next(ref transitions, s, cls);
        }
        int after = i + 1;
        if (cls < ScanClasses.Slow && after < text.Length)
        {
            int c = Unsafe.Add(ref chars, after);
            if (c < 0x80)
            {
                int info = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(PairLetters.Info), cls - ScanClasses.PairR);
                if ((c | 0x20) == (info & 0xFF))
                {
                    next = i + 2;
                    return DfaBuilder.Next(ref transitions, s, (info >> 8) & 0xFF);
                }
                next = after;
                return DfaBuilder.Next(ref transitions, s, info >> 16);
            }
        }
        long stepped = StepSpecialAt(text, i, cls, s);
        next = (int)(stepped >> 32);
        return (int)stepped;
    }

    /// <summary><see cref="StepSpecial"/> from a position by value: the new position in the high half.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long StepSpecialAt(ReadOnlySpan<char> text, int i, int cls, int s)
    {
        int state = StepSpecial(text, ref i, cls, s);
        return ((long)i << 32) | (uint)state;
    }

    /// <summary>
    /// A code unit the table cannot decide alone. ASCII r, v, c peek at the next ASCII code unit for
    /// rn/vv/cl; everything else (surrogates, expansions, look-alikes of r, v, c, a pair letter followed by
    /// non-ASCII) is read by the <see cref="TokenReader"/> up to the next point where it holds nothing
    /// pending, so the fast loop resumes exactly where the reader would be.
    /// </summary>
    private int StepSpecial(ReadOnlySpan<char> text, ref int i, int cls, int state)
    {
        if (cls != ScanClasses.Slow)
        {
            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (next < 0x80)
            {
                int info = PairLetters.Info[cls - ScanClasses.PairR];
                if ((next | 0x20) == (info & 0xFF))
                {
                    i += 2;
                    return DfaBuilder.Next(_transitions, state, (info >> 8) & 0xFF);
                }
                i++;
                return DfaBuilder.Next(_transitions, state, info >> 16);
            }
        }
        return StepSlow(text, ref i, state);
    }

    /// <summary>Set on a state returned by <see cref="StepSlow"/> that passed through a state with
    /// output before settling: callers see it as "at or above the threshold" and strip it.</summary>
    private const int PassedOutput = 1 << 30;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int StepSlow(ReadOnlySpan<char> text, ref int i, int state)
    {
        // Read on to a clean point even past a state with output: the fast pass must resume exactly
        // where a reader of the whole text would be.
        var reader = new TokenReader(text, i);
        int passed = 0;
        while (reader.Next(out RawToken token))
        {
            if (!token.IsSeparator)
            {
                state = DfaBuilder.Next(_transitions, state, Symbols.FromRaw[token.Raw]);
                if (state >= _acceptThreshold)
                {
                    passed = PassedOutput;
                }
            }
            if (reader.IsClean)
            {
                break;
            }
        }
        i = reader.Position;
        return state | passed;
    }

    /// <summary>
    /// The ASCII code units that keep the automaton at its root (a symbol no spelling starts with, a
    /// separator; r, v, c when neither they nor their pair letter start one), or null when too many
    /// letters can leave the root for a vectorized skip to pay. Skipping can only add candidates, never
    /// lose one: a spelling starting later is found whatever state the automaton is in when it starts.
    /// </summary>
    private static SearchValues<char>? BuildRootSkip(Dfa dfa, int maxStartLetters)
    {
        int[] t = dfa.Transitions;
        var stay = new List<char>();
        int startLetters = 0;
        for (char c = '\0'; c < 0x80; c++)
        {
            int cls = ScanClasses.Table[c];
            bool keepsRoot = cls switch
            {
                <= ScanClasses.NoOp => t[cls] == 0,
                ScanClasses.PairR or ScanClasses.PairV or ScanClasses.PairC => PairKeepsRoot(t, PairLetters.Info[cls - ScanClasses.PairR]),
                _ => false,
            };
            if (keepsRoot)
            {
                stay.Add(c);
            }
            else if (c is >= 'a' and <= 'z')
            {
                startLetters++;
            }
        }
        return startLetters <= maxStartLetters ? SearchValues.Create([.. stay]) : null;
    }

    /// <summary>Whether neither a pair letter alone nor its pair (see <see cref="PairLetters.Info"/>) leaves the root.</summary>
    private static bool PairKeepsRoot(int[] transitions, int info) => transitions[info >> 16] == 0 && transitions[(info >> 8) & 0xFF] == 0;

    /// <summary>
    /// Runs the DFA over a region's symbol runs and reports every match whose last run begins at or
    /// after <paramref name="reportFrom"/> (relative to the region; earlier ones belong to an earlier region).
    /// </summary>
    private void Match(ReadOnlySpan<SymbolRun> runs, Region region, int reportFrom, MarkHitBuffer hits)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        int threshold = _acceptThreshold;
        int state = 0;
        for (int j = 0; j < runs.Length; j++)
        {
            ref readonly SymbolRun run = ref runs[j];
            state = DfaBuilder.Next(ref transitions, state, run.Symbol);
            if (state >= threshold && run.FirstStart >= reportFrom)
            {
                ReportAll(runs, j, state, region, hits);
            }
        }
    }

    /// <summary>
    /// <see cref="Match"/> without its pass over the runs: the builder stepped the DFA as it made them
    /// and noted (run, state) wherever it entered a state with output.
    /// </summary>
    private void ReportAccepts(ReadOnlySpan<SymbolRun> runs, ReadOnlySpan<int> accepts, Region region, int reportFrom, MarkHitBuffer hits)
    {
        for (int k = 0; k + 1 < accepts.Length; k += 2)
        {
            int j = accepts[k];
            if (runs[j].FirstStart >= reportFrom)
            {
                ReportAll(runs, j, accepts[k + 1], region, hits);
            }
        }
    }

    /// <summary>Reports every spelling that ends in <paramref name="state"/>, for every mark it stands for.</summary>
    private void ReportAll(ReadOnlySpan<SymbolRun> runs, int lastRun, int state, Region region, MarkHitBuffer hits)
    {
        int offset = region.Start;
        ref readonly SymbolRun last = ref runs[lastRun];
        foreach (ref readonly OutputEntry output in _outputs.Of(state))
        {
            if (output.MarkIndex < 0)
            {
                VerifyAnchor(runs, lastRun, -1 - output.MarkIndex, region, hits);
                continue;
            }
            // False only in word mode, where the spelling does not begin a word or cannot end one here.
            if (SymbolRun.SpanOf(in runs[lastRun - output.Length + 1], in last, output.WholeWords, out int start, out int end))
            {
                hits.Add(new MarkHit(output.MarkIndex, offset + start, end - start, output.Edits));
            }
        }
    }

    /// <summary>Whether every fuzzy anchor <paramref name="state"/> reports surely completes no spelling at
    /// <paramref name="position"/> (<see cref="FuzzyVerifier.Rejects"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AnchorsDie(ReadOnlySpan<char> text, int position, int state)
    {
        FuzzyVerifier fuzzy = _fuzzy!;
        foreach (ref readonly OutputEntry output in _outputs.Of(state))
        {
            if (!fuzzy.Rejects(text, position, -1 - output.MarkIndex))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Where a region's runs were read from: text[<see cref="Start"/>..<see cref="End"/>].</summary>
    private readonly ref struct Region(ReadOnlySpan<char> text, int start, int end)
    {
        public readonly ReadOnlySpan<char> Text = text;
        public readonly int Start = start;
        public readonly int End = end;
    }

    /// <summary>
    /// Verifies the fuzzy anchor <paramref name="anchor"/> whose last run is <paramref name="lastRun"/> of the
    /// region's runs. Where the verification reads past the region's runs (a spelling that goes on past the
    /// word the region ends with, or starts before the region), it reads a window of the text around the
    /// anchor instead, wide enough for any spelling through it (<see cref="FuzzyVerifier.Reach"/> runs on
    /// either side, counted as <see cref="RegionStart"/> counts them, never too few).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // off ReportAll's loop: a verification is rarer than a hit
    private void VerifyAnchor(ReadOnlySpan<SymbolRun> runs, int lastRun, int anchor, Region region, MarkHitBuffer hits)
    {
        FuzzyVerifier fuzzy = _fuzzy!;
        ReadOnlySpan<char> text = region.Text;
        if (fuzzy.Verify(runs, lastRun, anchor, region.Start, region.Start == 0, region.End == text.Length, hits))
        {
            return;
        }
        // A code unit of the anchor's last run, to find it again among the window's runs.
        int inAnchor = region.Start + runs[lastRun].LastEnd - 1;
        int from = RegionStart(text, region.Start + runs[lastRun].FirstStart, fuzzy.Reach);
        int to = WordEndAfter(text, inAnchor + 1, fuzzy.Reach);
        bool verified = VerifyInWindow(text, from, to, inAnchor, anchor, hits);
        Debug.Assert(verified, "the window reaches as far as any verification reads");
        if (!verified && (from != 0 || to != text.Length))
        {
            VerifyInWindow(text, 0, text.Length, inAnchor, anchor, hits);
        }
    }

    /// <summary>Verifies the anchor <paramref name="anchor"/> on the runs of text[<paramref name="from"/>..<paramref name="to"/>],
    /// its last run the one holding the code unit <paramref name="inAnchor"/>.</summary>
    [SkipLocalsInit]
    private bool VerifyInWindow(ReadOnlySpan<char> text, int from, int to, int inAnchor, int anchor, MarkHitBuffer hits)
    {
        var builder = new RunBuilder(stackalloc SymbolRun[128]);
        try
        {
            builder.Build(text[from..to]);
            ReadOnlySpan<SymbolRun> window = builder.Runs;
            int run = 0;
            while (from + window[run].LastEnd <= inAnchor)
            {
                run++;
            }
            return _fuzzy!.Verify(window, run, anchor, from, from == 0, to == text.Length, hits);
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// The end of the word that holds the <paramref name="runs"/>-th symbol run from <paramref name="from"/> on,
    /// or the text's end: runs counted as <see cref="RunsBack"/> counts them (a code unit that is a whole
    /// symbol on its own and differs from the last one counted), which never counts more runs than there are.
    /// </summary>
    private static int WordEndAfter(ReadOnlySpan<char> text, int from, int runs)
    {
        int changes = 0;
        int previous = -1;
        int i = from;
        for (; i < text.Length && changes < runs; i++)
        {
            if (StartsRun(text[i], ref previous))
            {
                changes++;
            }
        }
        while (i < text.Length && CharTable.Bmp[text[i]] != CharTable.Separator)
        {
            i++;
        }
        return i;
    }
}
