using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClassifyRpc.Text.Internal;

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

    private readonly Dfa _dfa;
    private readonly int[] _transitions;
    private readonly int _acceptThreshold;
    private readonly SearchValues<char>? _rootStay;
    private readonly int[] _patternLength;
    private readonly int[] _entryStart;
    private readonly PatternEntry[] _entries;

    private MarkAutomaton(int markCount, Dfa dfa, int[] patternLength, int[] entryStart, PatternEntry[] entries)
    {
        MarkCount = markCount;
        _dfa = dfa;
        _transitions = dfa.Transitions;
        _acceptThreshold = dfa.AcceptThreshold;
        _rootStay = BuildRootSkip(dfa);
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
        return new MarkAutomaton(marks.Count, dfa, patternLength, entryStart, [.. entries]) { Spellings = printed };
    }

    /// <summary>Number of marks compiled.</summary>
    public int MarkCount { get; }

    /// <summary>Number of distinct normalized spellings compiled (stems, variants, fuzzy expansions).</summary>
    public int PatternCount => _patternLength.Length;

    /// <summary>The compiled spellings, printed as symbols (diagnostics and benchmarks).</summary>
    internal IReadOnlyList<string> Spellings { get; private init; } = [];

    /// <summary>Number of DFA states.</summary>
    public int StateCount => _dfa.StateCount;

    /// <summary>Approximate bytes held by the automaton's tables.</summary>
    public long MemoryBytes =>
        _dfa.MemoryBytes
        + (long)_patternLength.Length * sizeof(int)
        + (long)_entryStart.Length * sizeof(int)
        + (long)_entries.Length * Unsafe.SizeOf<PatternEntry>()
        + SpellingBytes();

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
    [SkipLocalsInit]
    public void Scan(ReadOnlySpan<char> text, MarkHitBuffer hits)
    {
        ArgumentNullException.ThrowIfNull(hits);
        if (text.IsEmpty || _patternLength.Length == 0)
        {
            return;
        }

        // Most texts match nothing: one fast pass over the code units decides that. Only a text in which
        // some spelling may end is read again in detail (word boundaries, offsets, merging).
        if (MayMatch(text))
        {
            ScanDetailed(text, hits);
        }
    }

    /// <summary>The detailed pass alone (tests compare it with <see cref="MayMatch"/>).</summary>
    [SkipLocalsInit]
    internal void ScanDetailed(ReadOnlySpan<char> text, MarkHitBuffer hits)
    {
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

    /// <summary>Whether the automaton reaches a state with output anywhere in the text.</summary>
    internal bool MayMatch(ReadOnlySpan<char> text) => _rootStay is null ? MayMatchDense(text) : MayMatchSkipping(text);

    private bool MayMatchDense(ReadOnlySpan<char> text)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        int threshold = _acceptThreshold;
        int length = text.Length;
        int state = 0;
        int i = 0;
        while (i < length)
        {
            int cls = Unsafe.Add(ref classes, (nint)Unsafe.Add(ref chars, i));
            if (cls <= ScanClasses.NoOp)
            {
                state = Unsafe.Add(ref transitions, state + cls);
                i++;
            }
            else
            {
                state = StepSpecial(text, ref i, cls, state);
            }
            if (state >= threshold)
            {
                return true;
            }
        }
        return false;
    }

    private bool MayMatchSkipping(ReadOnlySpan<char> text)
    {
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        ref byte classes = ref MemoryMarshal.GetArrayDataReference(ScanClasses.Table);
        ref char chars = ref MemoryMarshal.GetReference(text);
        SearchValues<char> rootStay = _rootStay!;
        int threshold = _acceptThreshold;
        int length = text.Length;
        int state = 0;
        int i = 0;
        while (i < length)
        {
            if (state == 0)
            {
                // At the root, jump to the next code unit that can leave it (vectorized).
                int skip = text[i..].IndexOfAnyExcept(rootStay);
                if (skip < 0)
                {
                    return false;
                }
                i += skip;
            }
            int cls = Unsafe.Add(ref classes, (nint)Unsafe.Add(ref chars, i));
            if (cls <= ScanClasses.NoOp)
            {
                state = Unsafe.Add(ref transitions, state + cls);
                i++;
            }
            else
            {
                state = StepSpecial(text, ref i, cls, state);
            }
            if (state >= threshold)
            {
                return true;
            }
        }
        return false;
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
                (char second, byte alone, byte pair) = cls switch
                {
                    ScanClasses.PairR => ('n', s_r, s_m),
                    ScanClasses.PairV => ('v', s_v, s_w),
                    _ => ('l', s_c, s_d),
                };
                if ((next | 0x20) == second)
                {
                    i += 2;
                    return _transitions[state + pair];
                }
                i++;
                return _transitions[state + alone];
            }
        }
        return StepSlow(text, ref i, state);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int StepSlow(ReadOnlySpan<char> text, ref int i, int state)
    {
        var reader = new TokenReader(text, i);
        while (reader.Next(out RawToken token))
        {
            if (!token.IsSeparator)
            {
                state = _transitions[state + Symbols.FromRaw[token.Raw]];
                if (state >= _acceptThreshold)
                {
                    break;
                }
            }
            if (reader.IsClean)
            {
                break;
            }
        }
        i = reader.Position;
        return state;
    }

    private static readonly byte s_r = Symbols.FromRaw['r'], s_m = Symbols.FromRaw['m'];
    private static readonly byte s_v = Symbols.FromRaw['v'], s_w = Symbols.FromRaw['w'];
    private static readonly byte s_c = Symbols.FromRaw['c'], s_d = Symbols.FromRaw['d'];

    /// <summary>
    /// The ASCII code units that keep the automaton at its root (a symbol no spelling starts with, a
    /// separator; r, v, c when neither they nor their pair letter start one), or null when too many
    /// letters can leave the root for a vectorized skip to pay. Skipping can only add candidates, never
    /// lose one: a spelling starting later is found whatever state the automaton is in when it starts.
    /// </summary>
    private static SearchValues<char>? BuildRootSkip(Dfa dfa)
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
                ScanClasses.PairR => t[s_r] == 0 && t[s_m] == 0,
                ScanClasses.PairV => t[s_v] == 0 && t[s_w] == 0,
                ScanClasses.PairC => t[s_c] == 0 && t[s_d] == 0,
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
        return startLetters <= MaxSkipStartLetters ? SearchValues.Create([.. stay]) : null;
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
