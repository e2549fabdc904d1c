using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Turns a text into its collapsed symbol stream (steps 5 and 6) with what matching needs to know about
/// each run: word starts and ends (for word mode) and the source offsets that spans are cut at.
/// The runs live in a caller-provided stack buffer, or in a pooled array for long texts.
/// </summary>
internal ref struct RunBuilder
{
    private Span<SymbolRun> _runs;
    private SymbolRun[]? _rented;
    private int _count;

    // Word state between two code units. Build keeps it in locals (registers) over ASCII and parks it
    // here only around the token reader's slow path, which works on these fields.
    private int _lastSymbol;     // symbol of the last run, or -1
    private bool _inWord;
    private bool _boundarySinceLastSymbol;
    private int _coreRun;        // run of the word's last token that is not trailing punctuation, or -1
    private int _coreEnd;
    private int _trailFirstRun;  // run of the first trailing-punctuation token after the core, or -1
    private int _trailFirstEnd;

    public RunBuilder(Span<SymbolRun> initial)
    {
        _runs = initial;
        _rented = null;
        _count = 0;
        _lastSymbol = -1;
        _inWord = false;
        _boundarySinceLastSymbol = false;
        _coreRun = -1;
        _coreEnd = 0;
        _trailFirstRun = -1;
        _trailFirstEnd = 0;
    }

    public readonly ReadOnlySpan<SymbolRun> Runs => _runs[.._count];

    /// <summary>Reads the whole text.</summary>
    /// <remarks>
    /// ASCII (nearly all listing text) is read here from <see cref="s_ascii"/>, one byte per code unit,
    /// with the word state in locals: kept in the builder's fields, every code unit paid several
    /// dependent loads and stores through the stack. Anything else goes through the exact
    /// <see cref="TokenReader"/> (<see cref="ReadSlow"/>), which works on the fields.
    /// </remarks>
    public void Build(ReadOnlySpan<char> text)
    {
        ref byte ascii = ref MemoryMarshal.GetArrayDataReference(s_ascii);
        Span<SymbolRun> runs = _runs;
        int count = _count;
        int lastSymbol = _lastSymbol;
        bool inWord = _inWord;
        bool boundary = _boundarySinceLastSymbol;
        int coreRun = _coreRun, coreEnd = _coreEnd;
        int trailFirstRun = _trailFirstRun, trailFirstEnd = _trailFirstEnd;

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
                if (inWord)
                {
                    EndWord(runs, count, coreRun, coreEnd, trailFirstRun, trailFirstEnd);
                    inWord = false;
                    coreRun = -1;
                    trailFirstRun = -1;
                }
                boundary = true;
                i++;
                continue;
            }
            else if (info != SlowInfo && i + 1 < text.Length && text[i + 1] < 0x80 && Unsafe.Add(ref ascii, text[i + 1]) < SeparatorInfo)
            {
                // ASCII r, v, c before an ASCII letter, digit or sign: what the reader's one-token
                // look-ahead decides, without the reader.
                int pair = s_pair[info & SymbolMask];
                if (CharTable.Bmp[text[i + 1]] == (pair & 0xFF))
                {
                    symbol = pair >> 8;
                    end = i + 2;
                }
                else
                {
                    symbol = info & SymbolMask;
                    end = i + 1;
                }
            }
            else
            {
                // Everything else through the exact reader, up to its next clean point.
                _count = count;
                _lastSymbol = lastSymbol;
                _inWord = inWord;
                _boundarySinceLastSymbol = boundary;
                _coreRun = coreRun;
                _coreEnd = coreEnd;
                _trailFirstRun = trailFirstRun;
                _trailFirstEnd = trailFirstEnd;
                i = ReadSlow(text, i);
                runs = _runs;
                count = _count;
                lastSymbol = _lastSymbol;
                inWord = _inWord;
                boundary = _boundarySinceLastSymbol;
                coreRun = _coreRun;
                coreEnd = _coreEnd;
                trailFirstRun = _trailFirstRun;
                trailFirstEnd = _trailFirstEnd;
                continue;
            }

            // The same as AddSymbol, on the locals.
            bool wordStart = !inWord;
            inWord = true;
            int index;
            if (symbol == lastSymbol)
            {
                index = count - 1;
                ref SymbolRun run = ref Unsafe.Add(ref MemoryMarshal.GetReference(runs), index);
                run.Extend(i, end, boundary, wordStart);
            }
            else
            {
                if (count == runs.Length)
                {
                    _count = count;
                    runs = Grow();
                }
                index = count++;
                lastSymbol = symbol;
                Unsafe.Add(ref MemoryMarshal.GetReference(runs), index) = SymbolRun.Create((byte)symbol, i, end, wordStart);
            }
            boundary = false;
            if ((info & Trailing) != 0)
            {
                if (trailFirstRun < 0)
                {
                    trailFirstRun = index;
                    trailFirstEnd = end;
                }
            }
            else
            {
                coreRun = index;
                coreEnd = end;
                trailFirstRun = -1;
            }
            i = end;
        }
        if (inWord)
        {
            EndWord(runs, count, coreRun, coreEnd, trailFirstRun, trailFirstEnd);
            inWord = false;
            coreRun = -1;
            trailFirstRun = -1;
        }
        _count = count;
        _lastSymbol = lastSymbol;
        _inWord = inWord;
        _boundarySinceLastSymbol = boundary;
        _coreRun = coreRun;
        _coreEnd = coreEnd;
        _trailFirstRun = trailFirstRun;
        _trailFirstEnd = trailFirstEnd;
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
        if (_inWord)
        {
            EndWord(_runs, _count, _coreRun, _coreEnd, _trailFirstRun, _trailFirstEnd);
            _inWord = false;
            _coreRun = -1;
            _trailFirstRun = -1;
        }
        _boundarySinceLastSymbol = true;
    }

    private void AddSymbol(byte symbol, bool trailing, int start, int end)
    {
        bool wordStart = !_inWord;
        _inWord = true;

        int index;
        if (_lastSymbol == symbol)
        {
            index = _count - 1;
            _runs[index].Extend(start, end, _boundarySinceLastSymbol, wordStart);
        }
        else
        {
            if (_count == _runs.Length)
            {
                Grow();
            }
            index = _count++;
            _lastSymbol = symbol;
            _runs[index] = SymbolRun.Create(symbol, start, end, wordStart);
        }
        _boundarySinceLastSymbol = false;

        if (trailing)
        {
            if (_trailFirstRun < 0)
            {
                _trailFirstRun = index;
                _trailFirstEnd = end;
            }
        }
        else
        {
            _coreRun = index;
            _coreEnd = end;
            _trailFirstRun = -1;
        }
    }

    /// <summary>
    /// The current word ends. Its last symbol is a word end, and so is every position followed only by
    /// trailing ! | $ @ (which word mode may read as punctuation): the last core token and each token of
    /// the trailing punctuation. Each run keeps its earliest such position.
    /// </summary>
    private static void EndWord(Span<SymbolRun> runs, int count, int coreRun, int coreEnd, int trailFirstRun, int trailFirstEnd)
    {
        if (coreRun >= 0)
        {
            MarkWordEnd(ref runs[coreRun], coreEnd);
        }
        if (trailFirstRun >= 0)
        {
            MarkWordEnd(ref runs[trailFirstRun], trailFirstEnd);
            // Runs after the first trailing one all began inside this word's trailing punctuation.
            for (int i = trailFirstRun + 1; i < count; i++)
            {
                ref SymbolRun run = ref runs[i];
                MarkWordEnd(ref run, run.FirstEnd);
            }
        }
    }

    private static void MarkWordEnd(ref SymbolRun run, int end)
    {
        if (run.WordEnd < 0)
        {
            run.WordEnd = end;
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
