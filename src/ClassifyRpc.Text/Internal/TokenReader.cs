using System.Runtime.CompilerServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Reads a text as <see cref="RawToken"/>s: steps 1-3 through <see cref="CharTable"/> (ignored
/// characters produce nothing, lone surrogates are separators), then step 4, the multi-letter
/// look-alikes (rn -&gt; m, vv -&gt; w, cl -&gt; d), left to right, across ignored characters but not across
/// separators. Lives on the stack: the scan allocates nothing.
/// </summary>
internal ref struct TokenReader
{
    private readonly ReadOnlySpan<char> _text;
    private int _pos;

    // A code point that expands to several tokens is read from here one token at a time.
    private string? _expansion;
    private int _expansionIndex;
    private int _expansionStart;
    private int _expansionEnd;

    // One token of look-ahead for step 4.
    private bool _hasPeeked;
    private RawToken _peeked;

    public TokenReader(ReadOnlySpan<char> text, int start = 0)
    {
        _text = text;
        _pos = start;
        _expansion = null;
        _expansionIndex = 0;
        _expansionStart = 0;
        _expansionEnd = 0;
        _hasPeeked = false;
        _peeked = default;
    }

    /// <summary>Offset of the next code unit to read.</summary>
    public readonly int Position => _pos;

    /// <summary>
    /// True when nothing read is still pending (no look-ahead token, no expansion half read): a reader
    /// started at <see cref="Position"/> would read the same tokens from here on.
    /// </summary>
    public readonly bool IsClean => !_hasPeeked && _expansion is null;

    /// <summary>Reads the next token; false at the end of the text.</summary>
    public bool Next(out RawToken token)
    {
        if (!Take(out token))
        {
            return false;
        }

        char second = Symbols.PairSecond(token.Raw);
        if (second != '\0')
        {
            if (!_hasPeeked)
            {
                _hasPeeked = ReadRaw(out _peeked);
            }
            if (_hasPeeked && _peeked.Raw == second)
            {
                token.Raw = Symbols.PairJoined(token.Raw);
                token.End = _peeked.End;
                _hasPeeked = false;
            }
        }
        return true;
    }

    /// <summary>Reads the next token of steps 1-3 only: pairs (step 4) are not joined. How a mark's own
    /// letters are read, since each of its pairs is read every way (<see cref="MarkLetters"/>).</summary>
    public bool NextUnpaired(out RawToken token) => Take(out token);

    private bool Take(out RawToken token)
    {
        if (_hasPeeked)
        {
            token = _peeked;
            _hasPeeked = false;
            return true;
        }
        return ReadRaw(out token);
    }

    private bool ReadRaw(out RawToken token)
    {
        if (_expansion is not null)
        {
            return ReadExpansion(out token);
        }

        while (_pos < _text.Length)
        {
            int start = _pos;
            char c = _text[_pos++];
            ushort entry = CharTable.Bmp[c];
            if (entry > CharTable.LowSurrogate && entry < CharTable.ExpansionBase)
            {
                token = new RawToken { Raw = (char)entry, Start = start, End = _pos };
                return true;
            }

            if (entry == CharTable.HighSurrogate)
            {
                if (_pos < _text.Length && char.IsLowSurrogate(_text[_pos]))
                {
                    entry = Supplementary(char.ConvertToUtf32(c, _text[_pos]));
                    _pos++;
                }
                else
                {
                    entry = CharTable.Separator;
                }
            }

            switch (entry)
            {
                case CharTable.Ignore:
                    continue;
                case CharTable.Separator:
                case CharTable.LowSurrogate:
                    token = new RawToken { Raw = '\0', Start = start, End = _pos };
                    return true;
                case >= CharTable.ExpansionBase:
                    _expansion = CharTable.Expansions[entry - CharTable.ExpansionBase];
                    _expansionIndex = 0;
                    _expansionStart = start;
                    _expansionEnd = _pos;
                    return ReadExpansion(out token);
                default:
                    // A single raw token reached through a surrogate pair.
                    token = new RawToken { Raw = (char)entry, Start = start, End = _pos };
                    return true;
            }
        }

        token = default;
        return false;
    }

    /// <summary>
    /// <see cref="CharTable.Supplementary"/>, from a direct table for plane 1 (U+10000-U+1FFFF): the
    /// mathematical alphanumerics (bold, italic, script and double-struck letters) and emoji that
    /// obfuscated listings are written with, read without a binary search over every range.
    /// </summary>
    private static ushort Supplementary(int codePoint)
    {
        int page = (codePoint - 0x10000) >> 8;
        return (uint)page < (uint)s_plane1.Length ? s_plane1[page][codePoint & 0xFF] : CharTable.Supplementary(codePoint);
    }

    /// <summary>Plane 1's entries in pages of 256 code points; pages that are nothing but separators
    /// (most of the plane) share one.</summary>
    private static readonly ushort[][] s_plane1 = BuildPlane1();

    private static ushort[][] BuildPlane1()
    {
        var separators = new ushort[256];   // CharTable.Separator is 0
        var pages = new ushort[256][];
        for (int page = 0; page < pages.Length; page++)
        {
            var entries = new ushort[256];
            bool any = false;
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = CharTable.Supplementary(0x10000 + (page << 8) + i);
                any |= entries[i] != CharTable.Separator;
            }
            pages[page] = any ? entries : separators;
        }
        return pages;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ReadExpansion(out RawToken token)
    {
        string expansion = _expansion!;
        char raw = expansion[_expansionIndex++];
        if (_expansionIndex == expansion.Length)
        {
            _expansion = null;
        }
        token = new RawToken { Raw = raw == '_' ? '\0' : raw, Start = _expansionStart, End = _expansionEnd };
        return true;
    }
}
