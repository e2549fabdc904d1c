using System.Buffers;
using System.Runtime.CompilerServices;

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

    // Word state.
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
        _inWord = false;
        _boundarySinceLastSymbol = false;
        _coreRun = -1;
        _coreEnd = 0;
        _trailFirstRun = -1;
        _trailFirstEnd = 0;
    }

    public readonly ReadOnlySpan<SymbolRun> Runs => _runs[.._count];

    /// <summary>Reads the whole text.</summary>
    public void Build(ReadOnlySpan<char> text)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            ushort entry = CharTable.Bmp[c];
            if (c < 0x80 && entry is not ('r' or 'v' or 'c'))
            {
                // ASCII other than the first letters of rn, vv, cl: one token, straight from the table.
                if (entry == CharTable.Separator)
                {
                    Separator();
                }
                else
                {
                    AddSymbol(new RawToken { Raw = (char)entry, Start = i, End = i + 1 });
                }
                i++;
                continue;
            }
            if (c < 0x80 && i + 1 < text.Length && text[i + 1] < 0x80 && IsRawToken(CharTable.Bmp[text[i + 1]], out char next))
            {
                // ASCII r, v, c before an ASCII letter, digit or sign: what the reader's one-token
                // look-ahead decides, without the reader.
                char second = entry switch { 'r' => 'n', 'v' => 'v', _ => 'l' };
                if (next == second)
                {
                    AddSymbol(new RawToken { Raw = entry switch { 'r' => 'm', 'v' => 'w', _ => 'd' }, Start = i, End = i + 2 });
                    i += 2;
                }
                else
                {
                    AddSymbol(new RawToken { Raw = (char)entry, Start = i, End = i + 1 });
                    i++;
                }
                continue;
            }

            // Everything else through the exact reader, up to its next clean point.
            var reader = new TokenReader(text, i);
            while (reader.Next(out RawToken token))
            {
                if (token.IsSeparator)
                {
                    Separator();
                }
                else
                {
                    AddSymbol(token);
                }
                if (reader.IsClean)
                {
                    break;
                }
            }
            i = reader.Position;
        }
        if (_inWord)
        {
            EndWord();
        }
    }

    /// <summary>An entry that reads as one raw token (not a separator, ignored, a surrogate or an expansion).</summary>
    private static bool IsRawToken(ushort entry, out char raw)
    {
        raw = (char)entry;
        return entry > CharTable.LowSurrogate && entry < CharTable.ExpansionBase;
    }

    private void Separator()
    {
        if (_inWord)
        {
            EndWord();
        }
        _boundarySinceLastSymbol = true;
    }

    private void AddSymbol(in RawToken token)
    {
        byte symbol = Symbols.FromRaw[token.Raw];
        bool wordStart = !_inWord;
        _inWord = true;

        int index;
        if (_count > 0 && _runs[_count - 1].Symbol == symbol)
        {
            index = _count - 1;
            ref SymbolRun run = ref _runs[index];
            if (_boundarySinceLastSymbol)
            {
                run.InFirstSegment = false;
                run.LastSegmentStart = token.Start;
            }
            if (run.InFirstSegment)
            {
                run.FirstSegmentEnd = token.End;
            }
            run.LastEnd = token.End;
            if (wordStart)
            {
                run.WordStart = token.Start;
            }
        }
        else
        {
            if (_count == _runs.Length)
            {
                Grow();
            }
            index = _count++;
            _runs[index] = new SymbolRun
            {
                Symbol = symbol,
                InFirstSegment = true,
                FirstStart = token.Start,
                FirstEnd = token.End,
                FirstSegmentEnd = token.End,
                LastSegmentStart = token.Start,
                LastEnd = token.End,
                WordStart = wordStart ? token.Start : -1,
                WordEnd = -1,
            };
        }
        _boundarySinceLastSymbol = false;

        if (Symbols.IsTrailingPunctuation(token.Raw))
        {
            if (_trailFirstRun < 0)
            {
                _trailFirstRun = index;
                _trailFirstEnd = token.End;
            }
        }
        else
        {
            _coreRun = index;
            _coreEnd = token.End;
            _trailFirstRun = -1;
        }
    }

    /// <summary>
    /// The current word ends. Its last symbol is a word end, and so is every position followed only by
    /// trailing ! | $ @ (which word mode may read as punctuation): the last core token and each token of
    /// the trailing punctuation. Each run keeps its earliest such position.
    /// </summary>
    private void EndWord()
    {
        _inWord = false;
        if (_coreRun >= 0)
        {
            MarkWordEnd(_coreRun, _coreEnd);
        }
        if (_trailFirstRun >= 0)
        {
            MarkWordEnd(_trailFirstRun, _trailFirstEnd);
            // Runs after the first trailing one all began inside this word's trailing punctuation.
            for (int i = _trailFirstRun + 1; i < _count; i++)
            {
                MarkWordEnd(i, _runs[i].FirstEnd);
            }
        }
        _coreRun = -1;
        _trailFirstRun = -1;
    }

    private readonly void MarkWordEnd(int run, int end)
    {
        ref SymbolRun r = ref _runs[run];
        if (r.WordEnd < 0)
        {
            r.WordEnd = end;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var larger = ArrayPool<SymbolRun>.Shared.Rent(Math.Max(64, _runs.Length * 2));
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
