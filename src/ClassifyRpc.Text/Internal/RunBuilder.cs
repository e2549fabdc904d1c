using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Turns a text into its collapsed symbol stream (steps 5 and 6) with what matching needs to know about
/// each run: word starts and ends (for word mode) and the source offsets that spans are cut at.
/// The runs live in a caller-provided stack buffer, or in a pooled array for long texts.
/// Given the DFA, it also steps it once per new run (what <c>MarkAutomaton.Match</c> would do over the
/// runs afterwards) and notes the runs where it enters a state with output: the step overlaps the
/// builder's own work instead of being a second pass over the runs.
/// </summary>
internal ref struct RunBuilder
{
    private Span<SymbolRun> _runs;
    private SymbolRun[]? _rented;
    private int _count;

    // State between two code units. Build keeps the hot part in locals over ASCII and parks it here
    // around the token reader's slow path, which works on the fields.
    private int _lastSymbol;          // symbol of the last run, or -1
    private bool _boundary;           // a separator (or the start) since the last symbol: the next begins a word
    private int _trailFirstRun;       // run of the first of the trailing ! | $ @ that end the word so far, or -1

    // Set when a trail begins (rare): the token before it in the word, the word's core, if any.
    private int _trailFirstEnd;
    private int _coreRun;             // or -1
    private int _coreEnd;

    // The DFA stepped per new run (a one-state DFA without output when none is given), and where it
    // entered a state with output: (run, state) pairs; _acceptCount -1 once they did not fit.
    private readonly int[] _transitions;
    private readonly int _threshold;
    private int _state;
    private readonly Span<int> _accepts;
    private int _acceptCount;

    private static readonly int[] s_noTransitions = new int[DfaBuilder.Stride];

    public RunBuilder(Span<SymbolRun> initial)
        : this(initial, s_noTransitions, int.MaxValue, default)
    {
    }

    /// <param name="initial">The first buffer for the runs.</param>
    /// <param name="transitions">The DFA's premultiplied transitions, stepped from the root once per run.</param>
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
        _lastSymbol = -1;
        _boundary = true;
        _trailFirstRun = -1;
        _trailFirstEnd = 0;
        _coreRun = -1;
        _coreEnd = 0;
    }

    public readonly ReadOnlySpan<SymbolRun> Runs => _runs[.._count];

    /// <summary>Whether every run where the DFA entered a state with output is in <see cref="Accepts"/>.</summary>
    public readonly bool AcceptsComplete => _acceptCount >= 0;

    /// <summary>(run, state) pairs, in run order, where the DFA entered a state with output.</summary>
    public readonly ReadOnlySpan<int> Accepts => _accepts[..Math.Max(_acceptCount, 0)];

    /// <summary>Reads the whole text.</summary>
    /// <remarks>
    /// ASCII (nearly all listing text) is read here from <see cref="s_ascii"/>, one byte per code unit,
    /// with the state that changes at every code unit in locals (registers): in the builder's fields,
    /// every code unit paid several dependent loads and stores through the stack. The word's core (its
    /// last token that is not trailing punctuation) is not tracked per token: without a trail it is the
    /// last token, whose end is its run's <see cref="SymbolRun.LastEnd"/>; a trail (rare) saves it.
    /// Anything not ASCII goes through the exact <see cref="TokenReader"/> (<see cref="ReadSlow"/>).
    /// </remarks>
    public void Build(ReadOnlySpan<char> text)
    {
        ref byte ascii = ref MemoryMarshal.GetArrayDataReference(s_ascii);
        ref int transitions = ref MemoryMarshal.GetArrayDataReference(_transitions);
        int threshold = _threshold;
        int state = _state;
        ref SymbolRun runs = ref MemoryMarshal.GetReference(_runs);
        int capacity = _runs.Length;
        int count = _count;
        int lastSymbol = _lastSymbol;
        bool boundary = _boundary;
        int trailFirstRun = _trailFirstRun;

        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int info = c < 0x80 ? Unsafe.Add(ref ascii, c) : SlowInfo;
            int symbol, end;
            if (info < PairLetter)
            {
                // An ASCII letter, digit or sign other than r, v, c: one token, one symbol.
                symbol = info & SymbolMask;
                end = i + 1;
            }
            else if (info == SeparatorInfo)
            {
                if (!boundary)
                {
                    _count = count;
                    EndWord(trailFirstRun);
                    trailFirstRun = -1;
                    boundary = true;
                }
                i++;
                continue;
            }
            else if (info != SlowInfo && i + 1 < text.Length && text[i + 1] < 0x80 && Unsafe.Add(ref ascii, text[i + 1]) < SeparatorInfo)
            {
                // ASCII r, v, c before an ASCII letter, digit or sign: what the reader's one-token
                // look-ahead decides, without the reader.
                symbol = info & SymbolMask;
                end = i + 1;
                int pair = Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_pair), symbol);
                if (CharTable.Bmp[text[i + 1]] == (pair & 0xFF))
                {
                    symbol = pair >> 8;
                    end = i + 2;
                }
            }
            else
            {
                // Everything else through the exact reader, up to its next clean point.
                _count = count;
                _lastSymbol = lastSymbol;
                _boundary = boundary;
                _trailFirstRun = trailFirstRun;
                _state = state;
                i = ReadSlow(text, i);
                state = _state;
                runs = ref MemoryMarshal.GetReference(_runs);
                capacity = _runs.Length;
                count = _count;
                lastSymbol = _lastSymbol;
                boundary = _boundary;
                trailFirstRun = _trailFirstRun;
                continue;
            }

            if ((info & Trailing) != 0 && trailFirstRun < 0)
            {
                // A trail begins: save the word's core (the token before, if the word has one) first.
                _count = count;
                BeginTrail(boundary, end);
                trailFirstRun = symbol == lastSymbol ? count - 1 : count;
            }
            else if ((info & Trailing) == 0)
            {
                trailFirstRun = -1;
            }

            // The same as AddSymbol, on the locals.
            if (symbol == lastSymbol)
            {
                Unsafe.Add(ref runs, count - 1).Extend(i, end, boundary, boundary);
            }
            else
            {
                if (count == capacity)
                {
                    _count = count;
                    Span<SymbolRun> larger = Grow();
                    runs = ref MemoryMarshal.GetReference(larger);
                    capacity = larger.Length;
                }
                Unsafe.Add(ref runs, count) = SymbolRun.Create((byte)symbol, i, end, boundary);
                state = Unsafe.Add(ref transitions, state + symbol);
                if (state >= threshold)
                {
                    Accept(count, state);
                }
                count++;
                lastSymbol = symbol;
            }
            boundary = false;
            i = end;
        }
        _count = count;
        _lastSymbol = lastSymbol;
        _boundary = boundary;
        _trailFirstRun = trailFirstRun;
        _state = state;
        if (!boundary)
        {
            EndWord(trailFirstRun);
            _trailFirstRun = -1;
            _boundary = true;
        }
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

    // What Build needs to know of an ASCII code unit, in one byte: below PairLetter, a symbol on its own
    // (its index in the low five bits, Trailing for ! | $ @); PairLetter + symbol for r, v, c (which may
    // pair with the next code unit); a separator; or anything the reader must read.
    private const int SymbolMask = 0x1F;
    private const int Trailing = 0x20;
    private const int PairLetter = 0x40;
    private const int SeparatorInfo = 0x80;
    private const int SlowInfo = 0xFF;

    private static readonly byte[] s_ascii = BuildAscii();

    /// <summary>Per symbol of r, v, c: the second letter of its pair | the pair's symbol &lt;&lt; 8.</summary>
    private static readonly int[] s_pair = BuildPairs();

    private static byte[] BuildAscii()
    {
        var table = new byte[128];
        for (int c = 0; c < table.Length; c++)
        {
            ushort entry = CharTable.Bmp[c];
            table[c] = entry switch
            {
                CharTable.Separator => SeparatorInfo,
                'r' or 'v' or 'c' => (byte)(PairLetter | Symbols.FromRaw[entry]),
                > CharTable.LowSurrogate and < 0x80 when Symbols.FromRaw[entry] != 0xFF =>
                    (byte)(Symbols.FromRaw[entry] | (Symbols.IsTrailingPunctuation((char)entry) ? Trailing : 0)),
                _ => SlowInfo,
            };
        }
        return table;
    }

    private static int[] BuildPairs()
    {
        var pairs = new int[Symbols.Count];
        pairs[Symbols.FromRaw['r']] = 'n' | (Symbols.FromRaw['m'] << 8);
        pairs[Symbols.FromRaw['v']] = 'v' | (Symbols.FromRaw['w'] << 8);
        pairs[Symbols.FromRaw['c']] = 'l' | (Symbols.FromRaw['d'] << 8);
        return pairs;
    }

    private void Separator()
    {
        if (!_boundary)
        {
            EndWord(_trailFirstRun);
            _trailFirstRun = -1;
            _boundary = true;
        }
    }

    private void AddSymbol(byte symbol, bool trailing, int start, int end)
    {
        if (trailing && _trailFirstRun < 0)
        {
            BeginTrail(_boundary, end);
            _trailFirstRun = symbol == _lastSymbol ? _count - 1 : _count;
        }
        else if (!trailing)
        {
            _trailFirstRun = -1;
        }

        if (_lastSymbol == symbol)
        {
            _runs[_count - 1].Extend(start, end, _boundary, _boundary);
        }
        else
        {
            if (_count == _runs.Length)
            {
                Grow();
            }
            _runs[_count] = SymbolRun.Create(symbol, start, end, _boundary);
            _state = _transitions[_state + symbol];
            if (_state >= _threshold)
            {
                Accept(_count, _state);
            }
            _count++;
            _lastSymbol = symbol;
        }
        _boundary = false;
    }

    /// <summary>
    /// A trailing ! | $ @ follows the word's core, or begins the word (<paramref name="wordStart"/>):
    /// saves the core (the last token so far, ending at its run's last end) before the trail's first
    /// token, which ends at <paramref name="end"/>, is added.
    /// </summary>
    private void BeginTrail(bool wordStart, int end)
    {
        _trailFirstEnd = end;
        if (wordStart)
        {
            _coreRun = -1;
        }
        else
        {
            _coreRun = _count - 1;
            _coreEnd = _runs[_coreRun].LastEnd;
        }
    }

    /// <summary>
    /// The current word ends. Its last symbol is a word end, and so is every position followed only by
    /// trailing ! | $ @ (which word mode may read as punctuation): the last core token and each token of
    /// the trailing punctuation. Each run keeps its earliest such position.
    /// </summary>
    private readonly void EndWord(int trailFirstRun)
    {
        if (trailFirstRun < 0)
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
        MarkWordEnd(ref _runs[trailFirstRun], _trailFirstEnd);
        // Runs after the first trailing one all began inside this word's trailing punctuation.
        for (int i = trailFirstRun + 1; i < _count; i++)
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

    /// <summary>Notes that the DFA entered <paramref name="state"/> (with output) at run <paramref name="run"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]   // a few times per region, off the loop
    private void Accept(int run, int state)
    {
        int at = _acceptCount;
        if (at < 0)
        {
            return;
        }
        if (at + 2 <= _accepts.Length)
        {
            _accepts[at] = run;
            _accepts[at + 1] = state;
            _acceptCount = at + 2;
        }
        else
        {
            // No room (or none given): the caller steps the DFA over the runs itself.
            _acceptCount = -1;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private Span<SymbolRun> Grow()
    {
        var larger = ArrayPool<SymbolRun>.Shared.Rent(Math.Max(64, _runs.Length * 2));
        _runs[.._count].CopyTo(larger);
        if (_rented is not null)
        {
            ArrayPool<SymbolRun>.Shared.Return(_rented);
        }
        _rented = larger;
        _runs = larger;
        return larger;
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
