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

        char second = token.Raw switch { 'r' => 'n', 'v' => 'v', 'c' => 'l', _ => '\0' };
        if (second != '\0')
        {
            if (!_hasPeeked)
            {
                _hasPeeked = ReadRaw(out _peeked);
            }
            if (_hasPeeked && _peeked.Raw == second)
            {
                token.Raw = token.Raw switch { 'r' => 'm', 'v' => 'w', _ => 'd' };
                token.End = _peeked.End;
                _hasPeeked = false;
            }
        }
        return true;
    }

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
                    entry = CharTable.Supplementary(char.ConvertToUtf32(c, _text[_pos]));
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
