namespace ClassifyRpc.Text.Internal.Spellings;

/// <summary>
/// One form of a mark as its letters: the raw tokens of steps 1-3 (a-z, 0-9, ! | $ @), before step 4's
/// pairs and step 5's classes, and where each word begins. Typos (fuzzy) are edits of these letters, and
/// every spelling of the form is one reading of them (<see cref="Readings"/>).
/// </summary>
/// <remarks>Invariant: <c>WordStart[0]</c> is true whenever there is a letter; a pair never spans a
/// letter whose <c>WordStart</c> is true (a separator parts a pair).</remarks>
internal readonly struct MarkLetters
{
    public MarkLetters(char[] letters, bool[] wordStart)
    {
        Letters = letters;
        WordStart = wordStart;
    }

    public char[] Letters { get; }

    public bool[] WordStart { get; }

    public int Count => Letters.Length;

    /// <summary>The letters of <paramref name="text"/>; separators only begin words.</summary>
    public static MarkLetters Of(string text)
    {
        var letters = new List<char>(text.Length);
        var starts = new List<bool>(text.Length);
        var reader = new TokenReader(text);
        bool boundary = true;
        while (reader.NextUnpaired(out RawToken token))
        {
            if (token.IsSeparator)
            {
                boundary = true;
                continue;
            }
            letters.Add(token.Raw);
            starts.Add(boundary);
            boundary = false;
        }
        return new MarkLetters([.. letters], [.. starts]);
    }

    /// <summary>The form without a trailing plural s (the letters themselves when there is none, or only the s).</summary>
    public MarkLetters Stem => Count > 1 && EndsInS ? new(Letters[..^1], WordStart[..^1]) : this;

    /// <summary>Whether the last letter reads as the symbol s (a plural).</summary>
    public bool EndsInS => Count > 0 && Symbols.FromRaw[Letters[^1]] == Symbols.S;
}
