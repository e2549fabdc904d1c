using ClassifyRpc.Text.Internal.Spellings;

namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// Where a fuzzy form is anchored: its letters split into a prefix piece and a suffix piece, so that every
/// one-typo spelling but the swap across the split holds one of them whole, at its start or at its end.
/// </summary>
/// <remarks>
/// Why two pieces suffice. Split the letters as [0, h) · [h, n). A substitution or deletion touches one
/// letter, so one piece; an insertion touches none; a swap touches two neighbours, so one piece unless it
/// swaps letters h-1 and h (that typo's own spellings become anchors of their own, see
/// <see cref="FuzzyCompiler"/>). The piece it does not touch is kept letter for letter, at the start of the
/// spelling (the prefix) or at its end (the suffix). What a neighbouring typo can still
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
    /// <remarks>A piece's reading shorter than <paramref name="minSymbols"/> is no anchor (it would stop the scan at
    /// every such pair of letters): the typos it would cover become anchors of their own.</remarks>
    public static (List<string> Prefixes, List<string> Suffixes) Choose(MarkLetters form, int minSymbols)
    {
        int n = form.Count;
        (List<string>, List<string>)? best = null;
        double bestRate = double.PositiveInfinity;
        for (int h = 1; h < n; h++)
        {
            var prefixes = new List<string>();
            var suffixes = new List<string>();
            int prefixEnd = PrefixCoreEnd(form, h);
            int suffixStart = SuffixCoreStart(form, h);
            if (prefixEnd == 0 || suffixStart == n)
            {
                continue;
            }
            Readings.AddAll(form.Letters.AsSpan(0, prefixEnd), form.WordStart.AsSpan(0, prefixEnd), prefixes);
            Readings.AddAll(form.Letters.AsSpan(suffixStart), form.WordStart.AsSpan(suffixStart), suffixes);
            double rate = 0;
            foreach (string p in prefixes)
            {
                rate += StopRate(p);
            }
            foreach (string s in suffixes)
            {
                rate += StopRate(s);
            }
            if (rate < bestRate)
            {
                bestRate = rate;
                best = (Distinct(prefixes), Distinct(suffixes));
            }
        }
        if (best is var (bestPrefixes, bestSuffixes))
        {
            // A short reading ("il" is i) would stop the scan at every such letter or pair: the typos it would
            // cover become anchors of their own instead (FuzzyCompiler's coverage check).
            bestPrefixes.RemoveAll(p => p.Length < minSymbols);
            bestSuffixes.RemoveAll(s => s.Length < minSymbols);
        }
        return best ?? ([], []);
    }

    /// <summary>The end of the prefix [0, h)'s core: without its last letter when that letter could begin a
    /// pair with whatever follows (it is no pair's second letter inside the prefix).</summary>
    private static int PrefixCoreEnd(MarkLetters form, int h) =>
        Symbols.PairSecond(form.Letters[h - 1]) != '\0' && !Readings.EndsInPair(form.Letters.AsSpan(0, h), form.WordStart.AsSpan(0, h))
            ? h - 1
            : h;

    /// <summary>The start of the suffix [from, n)'s core: past every leading letter that could be a pair's
    /// second letter (n, v, l) after whatever precedes it.</summary>
    private static int SuffixCoreStart(MarkLetters form, int from)
    {
        int i = from;
        while (i < form.Count && Symbols.IsPairSecond(form.Letters[i]))
        {
            i++;
        }
        return i;
    }

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

    /// <summary>
    /// How often an anchor would stop the scan: <see cref="Rate"/>, times a penalty for a piece of one or two
    /// symbols. Letters are far from independent in real text, and a one-symbol anchor stops at every such
    /// letter whatever precedes it: on the corpus, pieces of one and two symbols made three quarters of the
    /// stops of a docket's 1,500 fuzzy marks.
    /// </summary>
    private static double StopRate(string spelling) =>
        Rate(spelling) * spelling.Length switch { 1 => 1000, 2 => 20, 3 => 2, _ => 1 };

    /// <summary>A rough share of English text positions where <paramref name="spelling"/> ends: each symbol at
    /// its English frequency, each pair of neighbours as much more (or less) often as English has it than
    /// independent letters would. Only the ranking of splits depends on it.</summary>
    public static double Rate(string spelling)
    {
        double rate = 1;
        for (int i = 0; i < spelling.Length; i++)
        {
            rate *= s_symbolShare[spelling[i]];
            if (i > 0)
            {
                rate *= s_pairLift[spelling[i - 1] * Symbols.Count + spelling[i]];
            }
        }
        return rate;
    }

    private static readonly double[] s_symbolShare = BuildSymbolShare();

    /// <summary>
    /// The fifty commonest English letter pairs, per cent of all pairs (Norvig, "English Letter Frequency
    /// Counts: Mayzner Revisited", 2013). A pair not listed is taken as rarer than independence by half.
    /// </summary>
    private static readonly (string Pair, double Percent)[] s_commonPairs =
    [
        ("th", 3.56), ("he", 3.07), ("in", 2.43), ("er", 2.05), ("an", 1.99), ("re", 1.85), ("on", 1.76), ("at", 1.49),
        ("en", 1.45), ("nd", 1.35), ("ti", 1.34), ("es", 1.34), ("or", 1.28), ("te", 1.20), ("of", 1.17), ("ed", 1.17),
        ("is", 1.13), ("it", 1.12), ("al", 1.09), ("ar", 1.07), ("st", 1.05), ("to", 1.04), ("nt", 1.04), ("ng", 0.95),
        ("se", 0.93), ("ha", 0.93), ("as", 0.87), ("ou", 0.87), ("io", 0.83), ("le", 0.83), ("ve", 0.83), ("co", 0.79),
        ("me", 0.79), ("de", 0.76), ("hi", 0.76), ("ri", 0.73), ("ro", 0.73), ("ic", 0.70), ("ne", 0.69), ("ea", 0.69),
        ("ra", 0.69), ("ce", 0.65), ("li", 0.62), ("ch", 0.60), ("ll", 0.58), ("be", 0.58), ("ma", 0.57), ("si", 0.55),
        ("om", 0.55), ("ur", 0.54),
    ];

    private static readonly double[] s_pairLift = BuildPairLift();

    private static double[] BuildPairLift()
    {
        var lift = new double[Symbols.Count * Symbols.Count];
        lift.AsSpan().Fill(0.5);
        foreach (var (pair, percent) in s_commonPairs)
        {
            int a = Symbols.FromRaw[pair[0]];
            int b = Symbols.FromRaw[pair[1]];
            if (a != b)
            {
                lift[a * Symbols.Count + b] = Math.Max(lift[a * Symbols.Count + b], percent / 100 / (s_symbolShare[a] * s_symbolShare[b]));
            }
        }
        return lift;
    }

    private static double[] BuildSymbolShare()
    {
        ReadOnlySpan<double> letters = EnglishLetters.Percent;
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
