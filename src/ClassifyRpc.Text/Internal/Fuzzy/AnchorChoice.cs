using ClassifyRpc.Text.Internal.Spellings;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Where a fuzzy form is anchored: a prefix piece and a suffix piece of its letters with one letter between
/// them, so that every one-typo spelling holds one of them whole, at its start or at its end.
/// </summary>
/// <remarks>
/// Why two pieces suffice. Split the letters as [0, h) · letter h · [h+1, n). A substitution or deletion
/// touches one letter; a swap touches two neighbours, so at most one of [0, h) and [h+1, n) (they are
/// not neighbours); an insertion touches none. The piece it does not touch is kept letter for letter, at
/// the start of the spelling (the prefix) or at its end (the suffix). What a neighbouring typo can still
/// change is the piece's edge: a letter that may begin a pair (r, v, c) at the prefix's end could pair
/// with a typo after it, and a letter that may end one (n, v, l) at the suffix's start could pair with a
/// typo before it, so those are left out of the pieces (their cores). Inside a core, pairs fold the same
/// whatever lies beyond it (folding goes left to right, and the suffix core starts with a letter that
/// ends no pair). A core then reads as one of its own readings, whose collapsed symbols lie whole in the
/// collapsed spelling. The build checks every spelling against the anchors anyway
/// (<see cref="FuzzyCompiler"/>): this argument is why the check never has to fall back.
/// </remarks>
internal static class AnchorChoice
{
    /// <summary>The readings of the best split's prefix and suffix cores (either may be empty: no anchor
    /// on that side), best meaning least often found in English text by <see cref="Rate"/>.</summary>
    public static (List<string> Prefixes, List<string> Suffixes) Choose(MarkLetters form)
    {
        int n = form.Count;
        (List<string>, List<string>)? best = null;
        double bestRate = double.PositiveInfinity;
        for (int h = 1; h + 1 < n; h++)
        {
            var prefixes = new List<string>();
            var suffixes = new List<string>();
            int prefixEnd = PrefixCoreEnd(form, h);
            int suffixStart = SuffixCoreStart(form, h + 1);
            if (prefixEnd == 0 || suffixStart == n)
            {
                continue;
            }
            Readings.AddAll(form.Letters.AsSpan(0, prefixEnd), form.WordStart.AsSpan(0, prefixEnd), prefixes);
            Readings.AddAll(form.Letters.AsSpan(suffixStart), form.WordStart.AsSpan(suffixStart), suffixes);
            double rate = 0;
            foreach (string p in prefixes)
            {
                rate += Rate(p);
            }
            foreach (string s in suffixes)
            {
                rate += Rate(s);
            }
            if (rate < bestRate)
            {
                bestRate = rate;
                best = (Distinct(prefixes), Distinct(suffixes));
            }
        }
        return best ?? ([], []);
    }

    /// <summary>The end of the prefix [0, h)'s core: without its last letter when that letter could begin a
    /// pair with whatever follows (it is no pair's second letter inside the prefix).</summary>
    private static int PrefixCoreEnd(MarkLetters form, int h)
    {
        bool lastPaired = false;
        for (int i = 0; i < h; i++)
        {
            char second = Symbols.PairSecond(form.Letters[i]);
            if (second != '\0' && i + 1 < h && form.Letters[i + 1] == second && !form.WordStart[i + 1])
            {
                lastPaired = i + 1 == h - 1;
                i++;
                continue;
            }
            lastPaired = false;
        }
        return !lastPaired && Symbols.PairSecond(form.Letters[h - 1]) != '\0' ? h - 1 : h;
    }

    /// <summary>The start of the suffix [from, n)'s core: past every leading letter that could be a pair's
    /// second letter (n, v, l) after whatever precedes it.</summary>
    private static int SuffixCoreStart(MarkLetters form, int from)
    {
        int i = from;
        while (i < form.Count && IsPairSecond(form.Letters[i]))
        {
            i++;
        }
        return i;
    }

    private static bool IsPairSecond(char letter) =>
        letter == Symbols.PairSecond('r') || letter == Symbols.PairSecond('v') || letter == Symbols.PairSecond('c');

    private static List<string> Distinct(List<string> spellings)
    {
        spellings.Sort(StringComparer.Ordinal);
        var distinct = new List<string>(spellings.Count);
        foreach (string s in spellings)
        {
            if (distinct.Count == 0 || distinct[^1] != s)
            {
                distinct.Add(s);
            }
        }
        return distinct;
    }

    /// <summary>A rough share of English text positions where <paramref name="spelling"/> ends: symbols taken
    /// as independent, each at its English frequency. Only the ranking of splits depends on it.</summary>
    public static double Rate(string spelling)
    {
        double rate = 1;
        foreach (char symbol in spelling)
        {
            rate *= s_symbolShare[symbol];
        }
        return rate;
    }

    private static readonly double[] s_symbolShare = BuildSymbolShare();

    private static double[] BuildSymbolShare()
    {
        ReadOnlySpan<double> letters =
        [
            8.17, 1.29, 2.78, 4.25, 12.70, 2.23, 2.02, 6.09, 6.97, 0.15, 0.77, 4.03, 2.41,
            6.75, 7.51, 1.93, 0.10, 5.99, 6.33, 9.06, 2.76, 0.98, 2.36, 0.15, 1.97, 0.07,
        ];
        var share = new double[Symbols.Count];
        for (int i = 0; i < 26; i++)
        {
            share[Symbols.FromRaw['a' + i]] += letters[i] / 100;
        }
        for (char digit = '0'; digit <= '9'; digit++)
        {
            share[Symbols.FromRaw[digit]] += 0.003;
        }
        return share;
    }
}
