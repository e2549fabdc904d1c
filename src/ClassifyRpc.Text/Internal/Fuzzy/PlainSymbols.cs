namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Reads symbols straight off plain ASCII text, forwards or backwards, for a first look around a fuzzy
/// anchor before any runs are built (<see cref="FuzzyVerifier.Rejects"/>). It answers <see cref="Unsure"/>
/// wherever the exact reading needs more than a code unit and its neighbour: anything not ASCII (which the
/// token reader reads across, ignored characters included), and, backwards, "vv" (whether a v pairs with
/// the one before it depends on how long the run of v is). Separators are skipped; repeats are not
/// collapsed here.
/// </summary>
internal static class PlainSymbols
{
    public const int End = -1;
    public const int Unsure = -2;

    /// <summary>The symbol of the token at <paramref name="i"/>, moving <paramref name="i"/> past it.</summary>
    public static int Forward(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c >= 0x80)
            {
                return Unsure;
            }
            int cls = ScanClasses.Table[c];
            if (cls < ScanClasses.NoOp)
            {
                i++;
                return cls;
            }
            if (cls == ScanClasses.NoOp)
            {
                if (CharTable.Bmp[c] != CharTable.Separator)
                {
                    return Unsure;
                }
                i++;
                continue;
            }
            // ASCII r, v, c: joined with the next code unit when that is its pair letter.
            int info = PairLetters.Info[cls - ScanClasses.PairR];
            if (i + 1 < text.Length)
            {
                char next = text[i + 1];
                if (next >= 0x80)
                {
                    return Unsure;
                }
                if ((next | 0x20) == (info & 0xFF))
                {
                    i += 2;
                    return (info >> 8) & 0xFF;
                }
            }
            i++;
            return info >> 16;
        }
        return End;
    }

    /// <summary>The symbol of the token that ends at <paramref name="i"/> (inclusive), moving <paramref name="i"/> before it.</summary>
    public static int Backward(ReadOnlySpan<char> text, ref int i)
    {
        while (i >= 0)
        {
            char c = text[i];
            if (c >= 0x80)
            {
                return Unsure;
            }
            int cls = ScanClasses.Table[c];
            if (cls == ScanClasses.NoOp)
            {
                if (CharTable.Bmp[c] != CharTable.Separator)
                {
                    return Unsure;
                }
                i--;
                continue;
            }
            if (i > 0)
            {
                // The second letter of a pair? Its first letter never ends another pair, except v.
                char before = text[i - 1];
                if (before >= 0x80)
                {
                    return Unsure;
                }
                int beforeClass = ScanClasses.Table[before];
                if (beforeClass is ScanClasses.PairR or ScanClasses.PairV or ScanClasses.PairC)
                {
                    int info = PairLetters.Info[beforeClass - ScanClasses.PairR];
                    if ((c | 0x20) == (info & 0xFF))
                    {
                        if (beforeClass == ScanClasses.PairV)
                        {
                            return Unsure;
                        }
                        i -= 2;
                        return (info >> 8) & 0xFF;
                    }
                }
            }
            i--;
            return cls < ScanClasses.NoOp ? cls : PairLetters.Info[cls - ScanClasses.PairR] >> 16;
        }
        return End;
    }
}
