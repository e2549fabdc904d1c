using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Turns a text into its collapsed symbol stream (steps 5 and 6) with what matching needs to know about
/// each run: word starts and ends (for word mode) and the source offsets that spans are cut at.
/// The runs live in a caller-provided stack buffer, or in a pooled array for long texts.
/// Given the DFA, it also steps it once per new run (what <c>MarkAutomaton.Match</c> would do over the
/// runs afterwards) and notes the runs where it enters a state with output: the step overlaps the
/// builder's own work instead of being a second pass over the runs. Where the fast pass already knows
/// the DFA's state at its candidate, the runs before it are built without stepping.
/// </summary>
internal ref struct RunBuilder
{
    private Span<SymbolRun> _runs;
    private SymbolRun[]? _rented;
    private int _count;

    // State between two code units. ReadDirect keeps it in locals and parks it here around the token
    // reader's slow path, which works on the fields.
    private int _lastSymbol;          // symbol of the last run, or -1
    private int _word;                // Boundary, InWord, or the run of the first trailing ! | $ @ that ends the word so far

    // Set when a trail begins (rare): the token before it in the word, the word's core, if any.
    private int _trailFirstEnd;
    private int _coreRun;             // or -1
    private int _coreEnd;

    /// <summary><see cref="_word"/>: a separator (or the start) since the last symbol; the next begins a word.</summary>
    private const int Boundary = -2;

    /// <summary><see cref="_word"/>: inside a word, no trailing punctuation at its end so far.</summary>
    private const int InWord = -1;

    // The DFA stepped per new run (a one-state DFA without output when none is given), and where it
    // entered a state with output: (run, state) pairs; _acceptCount -1 once they did not fit.
    private readonly int[] _transitions;
    private readonly int _threshold;
    private int _state;
    private bool _stepping;           // false while the runs before a known state are built
    private readonly Span<int> _accepts;
    private int _acceptCount;

    private static readonly int[] s_noTransitions = new int[DfaBuilder.Stride];

    public RunBuilder(Span<SymbolRun> initial)
        : this(initial, s_noTransitions, int.MaxValue, default)
    {
    }

    /// <param name="initial">The first buffer for the runs.</param>
    /// <param name="transitions">The DFA's transitions (<see cref="DfaBuilder"/>), stepped from the root once per run.</param>
    /// <param name="threshold">The DFA's accept threshold.</param>
    /// <param name="accepts">Room for (run, state) pairs where the DFA enters a state with output.</param>
    public RunBuilder(Span<SymbolRun> initial, int[] transitions, int threshold, Span<int> accepts)
    {
        _transitions = transitions;
        _threshold = threshold;
        _state = 0;
        _accepts = accepts;
        _acceptCount = 0;
        _runs = initial;
        _rented = null;
        _count = 0;
        _stepping = true;
        _lastSymbol = -1;
        _word = Boundary;
        _trailFirstEnd = 0;
        _coreRun = -1;
        _coreEnd = 0;
    }

    public readonly ReadOnlySpan<SymbolRun> Runs => _runs[.._count];

    /// <summary>Whether every run where the DFA entered a state with output is in <see cref="Accepts"/>.</summary>
    public readonly bool AcceptsComplete => _acceptCount >= 0;

    /// <summary>(run, state) pairs, in run order, where the DFA entered a state with output.</summary>
    public readonly ReadOnlySpan<int> Accepts => _accepts[..Math.Max(_acceptCount, 0)];

    /// <summary>Reads the whole text, stepping the DFA from its root.</summary>
    public void Build(ReadOnlySpan<char> text) => Build(text, 0, 0);

    /// <summary>
    /// Reads the whole text, where the DFA's state after <paramref name="text"/>[..<paramref name="knownEnd"/>]
    /// is already known (the fast pass's candidate, <paramref name="knownState"/>: a state with output,
    /// entered by the last symbol read there and by no other of the step that read it): the runs before
    /// it are built without stepping the DFA. <paramref name="knownEnd"/> 0: nothing known, the DFA is
    /// stepped from the root over every run.
    /// </summary>
    /// <remarks>
    /// Why that is the state a reading of the region from its root would reach: the caller only passes
    /// it where the fast pass read every code unit of the text from its start, and the region holds
    /// more runs before the candidate than the state's depth. The DFA's state after a reading is the
    /// longest suffix of the symbols read that begins a spelling; the region's symbols are a suffix of
    /// the text's, long enough to hold the text's state, so both readings agree there. Before it, a
    /// reading of the region enters no state with output the fast pass did not (its states are suffixes
    /// of the fast pass's): none past the previous region, whose matches are not reported again. So
    /// nothing is lost by not stepping: the DFA's dependent load per run (the builder's longest chain)
    /// is paid once, by the fast pass. Where the code units the builder reads first do not end exactly at
    /// <paramref name="knownEnd"/> (the token reader read past it), the DFA catches up over the runs.
    /// <para>
    /// Code units a table byte decides alone (ASCII, and BMP look-alikes, separators and ignored
    /// characters) are read by <see cref="ReadDirect{TMode}"/>, with everything that changes per code unit
    /// in locals (registers). Anything else goes through the exact <see cref="TokenReader"/>
    /// (<see cref="ReadSlow"/>), up to its next clean point.
    /// </para>
    /// </remarks>
    public void Build(ReadOnlySpan<char> text, int knownEnd, int knownState)
    {
        int i = 0;
        if (knownEnd > 0)
        {
            _stepping = false;
            i = Read<RunsOnly>(text, 0, knownEnd);
            _stepping = true;
            if (i == knownEnd)
            {
                Debug.Assert(knownState >= _threshold);
                _state = knownState;
                Accept(_count - 1, knownState);
            }
            else
            {
                CatchUp();
            }
        }
        Read<RunsAndDfa>(text, i, text.Length);
        if (_word != Boundary)
        {
            EndWord(_word);
            _word = Boundary;
        }
    }

    /// <summary>Reads the whole text through the token reader alone, stepping the DFA from its root: the
    /// exact reading that <see cref="ReadDirect{TMode}"/> must reproduce (tests compare both).</summary>
    internal void BuildThroughReader(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length)
        {
            i = ReadSlow(text, i);
        }
        Separator();
    }

    /// <summary>Reads from <paramref name="i"/> up to <paramref name="stop"/> (or the token reader's next
    /// clean point past it); returns where it stopped.</summary>
    private int Read<TMode>(ReadOnlySpan<char> text, int i, int stop)
        where TMode : struct
    {
        while (i < stop)
        {
            i = ReadDirect<TMode>(text, i, stop);
            if (i < stop)
            {
                i = ReadSlow(text, i);
            }
        }
        return i;
    }

    /// <summary>
    /// Reads code units that <see cref="s_info"/> decides alone (ASCII, and every BMP code unit that is
    /// one raw token, a separator or ignored) from <paramref name="i"/> on, up to <paramref name="stop"/>
    /// or the first code unit the token reader must read; returns where it stopped.
    /// </summary>
    /// <remarks>
    /// The loop makes no call, so everything that changes per code unit stays in registers (a call in
    /// it, even a rare one, left the DFA's state and half the locals in stack slots: a store and a load
    /// on the state's chain per run). An accept is noted inline (<see cref="NoteAccept"/>). What would
    /// need a call stops the loop instead: trailing ! | $ @ and the separator that ends a word with a trail (rare:
    /// read by the token reader, whose <see cref="AddSymbol"/> and <see cref="Separator"/> keep the
    /// word's core). Without a trail a word's core is its last token, whose end is its run's
    /// <see cref="SymbolRun.LastEnd"/>: marked when the word ends rather than tracked per token. Each
    /// token read here is at least one code unit and adds at most one run, so room for
    /// <paramref name="stop"/> - <paramref name="i"/> runs is made once, before the loop. Look-alikes
    /// (Cyrillic, Greek, fullwidth, accented letters) cost what ASCII does: one table byte; the token
    /// reader is left surrogates, expansions, look-alikes of r, v, c, and whatever follows an r, v or c
    /// that is not ASCII (its look-ahead reads across ignored characters).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]   // each form with its own registers: the loop needs them all
    private int ReadDirect<TMode>(ReadOnlySpan<char> text, int i, int stop)
        where TMode : struct
    {
        EnsureRoom(stop - i);
        ref char chars = ref MemoryMarshal.GetReference(text);
        int length = text.Length;   // r, v, c look one code unit ahead, past stop if need be
        ref byte table = ref MemoryMarshal.GetArrayDataReference(s_info);
        ref SymbolRun runs = ref MemoryMarshal.GetReference(_runs);
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        int threshold = _threshold;
        int state = _state;
        int count = _count;
        int lastSymbol = _lastSymbol;
        int word = _word;
        while (i < stop)
        {
            int info = Unsafe.Add(ref table, (nint)Unsafe.Add(ref chars, i));
            int symbol = info & SymbolMask;
            int end = i + 1;
            if (info >= Trailing)
            {
                if (info == SeparatorInfo)
                {
                    if (word == InWord)
                    {
                        ref SymbolRun last = ref Unsafe.Add(ref runs, count - 1);
                        if (last.WordEnd < 0)
                        {
                            last.WordEnd = last.LastEnd;
                        }
                    }
                    else if (word != Boundary)
                    {
                        break;   // a word with a trail ends: the reader's Separator
                    }
                    word = Boundary;
                    i = end;
                    continue;
                }
                if (info == IgnoreInfo)
                {
                    // Nothing at all: not a symbol, not a boundary (repeats collapse across it).
                    i = end;
                    continue;
                }
                if (info < PairLetter || info == SlowInfo || end >= length)
                {
                    break;   // trailing ! | $ @, what only the reader reads, or r v c with nothing after
                }
                // ASCII r, v, c: what the reader's one-token look-ahead decides, without the reader.
                // Before a separator, alone; before a letter, digit or sign, joined with its pair letter.
                int next = Unsafe.Add(ref chars, end);
                if (next >= 0x80 || Unsafe.Add(ref table, next) > SeparatorInfo)
                {
                    break;   // the reader's look-ahead reads across ignored characters and look-alikes
                }
                int pair = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_pair), symbol);
                if ((next | 0x20) == (pair & 0xFF))
                {
                    symbol = pair >> 8;
                    end++;
                }
            }

            bool wordStart = word == Boundary;
            word = InWord;
            if (symbol == lastSymbol)
            {
                Unsafe.Add(ref runs, count - 1).Extend(i, end, wordStart, wordStart);
                i = end;
                continue;
            }
            Unsafe.Add(ref runs, count) = SymbolRun.Create((byte)symbol, i, end, wordStart);
            count++;
            lastSymbol = symbol;
            i = end;
            if (typeof(TMode) == typeof(RunsAndDfa))
            {
                // Column first, then the state's row (as MarkAutomaton.StepAt): the load alone on the chain.
                state = DfaBuilder.Next(ref transitions, state, symbol);
                if (state >= threshold)
                {
                    NoteAccept(count - 1, state);
                }
            }
        }
        _count = count;
        _lastSymbol = lastSymbol;
        _word = word;
        _state = state;
        return i;
    }

    /// <summary><see cref="ReadDirect{TMode}"/> builds runs only (the DFA's state is known further on).</summary>
    private readonly struct RunsOnly;

    /// <summary><see cref="ReadDirect{TMode}"/> builds runs and steps the DFA once per new run.</summary>
    private readonly struct RunsAndDfa;

    /// <summary>Steps the DFA from its root over every run so far, noting where it enters a state with output.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // only where the token reader read past the known state
    private void CatchUp()
    {
        int state = 0;
        for (int j = 0; j < _count; j++)
        {
            state = DfaBuilder.Next(_transitions, state, _runs[j].Symbol);
            if (state >= _threshold)
            {
                Accept(j, state);
            }
        }
        _state = state;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int ReadSlow(ReadOnlySpan<char> text, int i)
    {
        var reader = new TokenReader(text, i);
        while (reader.Next(out RawToken token))
        {
            if (token.IsSeparator)
            {
                Separator();
            }
            else
            {
                AddSymbol(Symbols.FromRaw[token.Raw], Symbols.IsTrailingPunctuation(token.Raw), token.Start, token.End);
            }
            if (reader.IsClean)
            {
                break;
            }
        }
        return reader.Position;
    }

    // What Build needs to know of a BMP code unit, in one byte: below PairLetter, a symbol on its own
    // (its index in the low five bits, Trailing for ! | $ @); PairLetter + symbol for ASCII r, v, c (which
    // may pair with the next code unit); a separator; ignored; or anything the reader must read.
    private const int SymbolMask = 0x1F;
    private const int Trailing = 0x20;
    private const int PairLetter = 0x40;
    private const int SeparatorInfo = 0x80;
    private const int IgnoreInfo = 0x81;
    private const int SlowInfo = 0xFF;

    /// <summary>One byte per BMP code unit (64 KB): one load per code unit, whatever the script.</summary>
    private static readonly byte[] s_info = BuildInfo();

    /// <summary>Per symbol of r, v, c: the second letter of its pair | the pair's symbol &lt;&lt; 8.</summary>
    private static readonly int[] s_pair = BuildPairs();

    private static byte[] BuildInfo()
    {
        var table = new byte[0x10000];
        for (int c = 0; c < table.Length; c++)
        {
            ushort entry = CharTable.Bmp[c];
            table[c] = entry switch
            {
                // A low surrogate met here is lone (the reader takes a pair from its high surrogate).
                CharTable.Separator or CharTable.LowSurrogate => SeparatorInfo,
                CharTable.Ignore => IgnoreInfo,
                // Only ASCII r, v, c pair here (with an ASCII code unit after): look-alikes of them
                // pair across whatever the reader's look-ahead reads.
                'r' or 'v' or 'c' => (byte)(c < 0x80 ? PairLetter | Symbols.FromRaw[entry] : SlowInfo),
                > CharTable.LowSurrogate and < 0x80 when Symbols.FromRaw[entry] != 0xFF =>
                    (byte)(Symbols.FromRaw[entry] | (Symbols.IsTrailingPunctuation((char)entry) ? Trailing : 0)),
                _ => SlowInfo,   // high surrogates, expansions
            };
        }
        return table;
    }

    private static int[] BuildPairs()
    {
        var pairs = new int[Symbols.Count];
        foreach (char first in "rvc")
        {
            pairs[Symbols.FromRaw[first]] = Symbols.PairSecond(first) | (Symbols.FromRaw[Symbols.PairJoined(first)] << 8);
        }
        return pairs;
    }

    private void Separator()
    {
        if (_word != Boundary)
        {
            EndWord(_word);
            _word = Boundary;
        }
    }

    private void AddSymbol(byte symbol, bool trailing, int start, int end)
    {
        bool wordStart = _word == Boundary;
        if (!trailing)
        {
            _word = InWord;
        }
        else if (_word < 0)
        {
            BeginTrail(wordStart, _count, end);
            _word = symbol == _lastSymbol ? _count - 1 : _count;
        }

        if (_lastSymbol == symbol)
        {
            _runs[_count - 1].Extend(start, end, wordStart, wordStart);
        }
        else
        {
            if (_count == _runs.Length)
            {
                Grow(1);
            }
            _runs[_count] = SymbolRun.Create(symbol, start, end, wordStart);
            if (_stepping)
            {
                _state = DfaBuilder.Next(_transitions, _state, symbol);
                if (_state >= _threshold)
                {
                    Accept(_count, _state);
                }
            }
            _count++;
            _lastSymbol = symbol;
        }
    }

    /// <summary>
    /// A trailing ! | $ @ follows the word's core, or begins the word (<paramref name="wordStart"/>):
    /// saves the core (the last token so far, ending at its run's last end; <paramref name="count"/>
    /// runs so far) before the trail's first token, which ends at <paramref name="end"/>, is added.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // rare, off the loop
    private void BeginTrail(bool wordStart, int count, int end)
    {
        _trailFirstEnd = end;
        if (wordStart)
        {
            _coreRun = -1;
        }
        else
        {
            _coreRun = count - 1;
            _coreEnd = _runs[_coreRun].LastEnd;
        }
    }

    /// <summary>
    /// The current word ends (<paramref name="word"/>: <see cref="InWord"/> or its trail's first run). Its
    /// last symbol is a word end, and so is every position followed only by trailing ! | $ @ (which word
    /// mode may read as punctuation): the last core token and each token of the trailing punctuation.
    /// Each run keeps its earliest such position.
    /// </summary>
    private readonly void EndWord(int word)
    {
        if (word < 0)
        {
            // No trail: the core is the word's last token.
            ref SymbolRun last = ref _runs[_count - 1];
            MarkWordEnd(ref last, last.LastEnd);
            return;
        }
        if (_coreRun >= 0)
        {
            MarkWordEnd(ref _runs[_coreRun], _coreEnd);
        }
        MarkWordEnd(ref _runs[word], _trailFirstEnd);
        // Runs after the first trailing one all began inside this word's trailing punctuation.
        for (int i = word + 1; i < _count; i++)
        {
            ref SymbolRun run = ref _runs[i];
            MarkWordEnd(ref run, run.FirstEnd);
        }
    }

    private static void MarkWordEnd(ref SymbolRun run, int end)
    {
        if (run.WordEnd < 0)
        {
            run.WordEnd = end;
        }
    }

    /// <summary>Notes that the DFA entered <paramref name="state"/> (with output) at run <paramref name="run"/>;
    /// (run, state) goes into the accepts while they have room. Inline in <see cref="ReadDirect{TMode}"/>'s
    /// loop: no call (the loop keeps its registers) and no bounds check. Leaving the loop for each
    /// accept cost its prologue and epilogue, and a fuzzy mark's word enters a state with output at
    /// several of its letters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NoteAccept(int run, int state)
    {
        int at = _acceptCount;
        if (at >= 0)
        {
            if (at + 2 <= _accepts.Length)
            {
                ref int slot = ref Unsafe.Add(ref MemoryMarshal.GetReference(_accepts), at);
                slot = run;
                Unsafe.Add(ref slot, 1) = state;
                _acceptCount = at + 2;
            }
            else
            {
                // No room (or none given): the caller steps the DFA over the runs itself.
                _acceptCount = -1;
            }
        }
    }

    /// <summary>Notes that the DFA entered <paramref name="state"/> (with output) at run <paramref name="run"/>:
    /// <see cref="NoteAccept"/> as a call, for the paths off <see cref="ReadDirect{TMode}"/>'s loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // a few times per region
    private void Accept(int run, int state) => NoteAccept(run, state);

    /// <summary>Makes room for at least <paramref name="runs"/> more runs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureRoom(int runs)
    {
        if (_runs.Length - _count < runs)
        {
            Grow(runs);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int runs)
    {
        var larger = ArrayPool<SymbolRun>.Shared.Rent(Math.Max(Math.Max(64, _runs.Length * 2), _count + runs));
        _runs[.._count].CopyTo(larger);
        if (_rented is not null)
        {
            ArrayPool<SymbolRun>.Shared.Return(_rented);
        }
        _rented = larger;
        _runs = larger;
    }

    /// <summary>Returns the pooled buffer, if one was needed.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<SymbolRun>.Shared.Return(_rented);
            _rented = null;
            _runs = default;
        }
    }
}
