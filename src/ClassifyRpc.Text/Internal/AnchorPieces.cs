namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Chooses the anchors of <see cref="AnchorFilter"/>: a few short "pieces" (1 to
/// <see cref="MaxLength"/> consecutive symbols of a collapsed spelling) such that every compiled
/// spelling contains at least one of them, and turns each piece into per-position sets of ASCII code
/// units that a raw text must show wherever the piece occurs in its collapsed symbol stream.
/// </summary>
/// <remarks>
/// The cover is computed over the compiled spellings themselves, not derived from the edit rules, so
/// it holds for every kind of form (stems, plurals, variants, suffixes, one-edit spellings) by
/// construction. Greedy weighted set cover: repeatedly the piece with the most spellings still
/// uncovered per unit of estimated cost, where the cost is how often the piece's code-unit sets would
/// fire on English text (<see cref="s_frequency"/>) times how long a window each flag opens (the
/// lead: how far into those spellings the piece ends). A fuzzy mark then gets a rare piece near its
/// start and others for the spellings whose edit broke it: no single edit touches two pieces
/// separated by a symbol.
/// </remarks>
internal static class AnchorPieces
{
    /// <summary>Longest piece, in symbols: the filter checks this many code units per position.</summary>
    public const int MaxLength = 4;

    /// <summary>Buckets of the filter (bits of a byte): more pieces than this share buckets.</summary>
    public const int Buckets = 8;

    /// <summary>
    /// What one more piece costs beyond the share of text it flags (in the same unit): the filter has
    /// only <see cref="Buckets"/> buckets, so a cover of many very rare pieces, each holding a handful of
    /// spellings, would end up merged into buckets that flag far more than each piece alone.
    /// </summary>
    private const double PieceOverhead = 0.001;

    /// <summary>Symbols a window reads beyond a piece's lead (the anchor's run, a few after it).</summary>
    private const int WindowSymbols = 4;

    /// <summary>Give up past this many pieces: such a mark set fires everywhere anyway.</summary>
    private const int MaxPieces = 48;

    /// <summary>Do not analyse larger sets (their cover would be too large, and the build must stay fast).</summary>
    private const int MaxSpellings = 20_000;

    /// <summary>
    /// The pieces for a set of collapsed spellings, as the filter's tables (see <see cref="AnchorPlan"/>),
    /// or null when no cover of at most <see cref="MaxPieces"/> pieces exists.
    /// </summary>
    public static AnchorPlan? Choose(IReadOnlyList<string> spellings)
    {
        if (spellings.Count == 0 || spellings.Count > MaxSpellings)
        {
            return null;
        }

        // Piece (symbols + 1 in 5-bit fields, so lengths need no separate field) -> spellings holding
        // it, and where its first occurrence ends in each (one list of pairs).
        var holders = new Dictionary<int, List<int>>();
        for (int p = 0; p < spellings.Count; p++)
        {
            string s = spellings[p];
            for (int length = 1; length <= MaxLength; length++)
            {
                for (int at = 0; at + length <= s.Length; at++)
                {
                    int key = Key(s.AsSpan(at, length));
                    if (!holders.TryGetValue(key, out List<int>? list))
                    {
                        list = [];
                        holders.Add(key, list);
                    }
                    if (list.Count == 0 || list[^2] != p)
                    {
                        list.Add(p);
                        list.Add(at + length - 1);
                    }
                }
            }
        }

        var keys = new int[holders.Count];
        var cost = new double[holders.Count];
        var lists = new List<int>[holders.Count];
        int n = 0;
        foreach ((int key, List<int> list) in holders)
        {
            keys[n] = key;
            lists[n] = list;
            cost[n] = Rate(Tables([key])) * Dependence(key);
            n++;
        }

        var covered = new bool[spellings.Count];
        int uncovered = spellings.Count;
        var chosen = new List<int>();
        var leadOf = new Dictionary<int, int>();
        while (uncovered > 0)
        {
            if (chosen.Count == MaxPieces || n == 0)
            {
                return null;
            }
            int best = -1;
            double bestScore = 0;
            for (int k = 0; k < n; k++)
            {
                int gain = 0;
                int lead = 0;
                List<int> list = lists[k];
                for (int h = 0; h < list.Count; h += 2)
                {
                    if (!covered[list[h]])
                    {
                        gain++;
                        lead = Math.Max(lead, list[h + 1]);
                    }
                }
                // Each flag costs a window of about the lead plus a few symbols.
                double score = gain / ((cost[k] + PieceOverhead) * (lead + WindowSymbols));
                if (gain > 0 && score > bestScore)
                {
                    best = k;
                    bestScore = score;
                }
            }
            // The piece answers for the spellings it newly covers: its lead is the most symbols any of
            // them has before the piece's last symbol (first occurrence: every occurrence is flagged).
            int bestLead = 0;
            List<int> bestList = lists[best];
            for (int h = 0; h < bestList.Count; h += 2)
            {
                int p = bestList[h];
                if (!covered[p])
                {
                    covered[p] = true;
                    uncovered--;
                    bestLead = Math.Max(bestLead, bestList[h + 1]);
                }
            }
            chosen.Add(keys[best]);
            leadOf.Add(keys[best], bestLead);
        }
        int pieceCount = chosen.Count;

        // One bucket per piece, then merge the pair of buckets whose union costs least until they fit.
        var buckets = new List<List<int>>();
        foreach (int key in chosen)
        {
            buckets.Add([key]);
        }
        while (buckets.Count > Buckets)
        {
            int bestA = 0, bestB = 1;
            double bestIncrease = double.MaxValue;
            for (int a = 0; a < buckets.Count; a++)
            {
                for (int b = a + 1; b < buckets.Count; b++)
                {
                    double increase = Rate(Tables([.. buckets[a], .. buckets[b]])) - Rate(Tables(buckets[a])) - Rate(Tables(buckets[b]));
                    if (increase < bestIncrease)
                    {
                        (bestA, bestB, bestIncrease) = (a, b, increase);
                    }
                }
            }
            buckets[bestA].AddRange(buckets[bestB]);
            buckets.RemoveAt(bestB);
        }

        var tables = new byte[MaxLength][];
        for (int j = 0; j < MaxLength; j++)
        {
            tables[j] = new byte[128];
        }
        double rate = 0;
        var leads = new int[Buckets];
        for (int b = 0; b < buckets.Count; b++)
        {
            UInt128[] sets = Tables(buckets[b]);
            rate += Rate(sets);
            foreach (int key in buckets[b])
            {
                leads[b] = Math.Max(leads[b], leadOf[key]);
            }
            for (int j = 0; j < MaxLength; j++)
            {
                for (int c = 0; c < 128; c++)
                {
                    if (((sets[j] >> c) & UInt128.One) != UInt128.Zero)
                    {
                        tables[j][c] |= (byte)(1 << b);
                    }
                }
            }
        }
        return new AnchorPlan(tables, leads, rate, pieceCount);
    }

    /// <summary>
    /// Corrects the estimate where English letters are not independent: q is nearly always followed by
    /// u, so a piece holding "qu" is about as frequent as one holding q alone.
    /// </summary>
    private static double Dependence(int key)
    {
        int q = Symbols.FromRaw['q'] + 1, u = Symbols.FromRaw['u'] + 1;
        for (int rest = key; rest >= 32; rest >>= 5)
        {
            if ((rest & 31) == q && (rest >> 5 & 31) == u)
            {
                return 1 / (s_frequency['u'] + s_frequency['U']);
            }
        }
        return 1;
    }

    private static int Key(ReadOnlySpan<char> symbols)
    {
        int key = 0;
        for (int i = 0; i < symbols.Length; i++)
        {
            key |= (symbols[i] + 1) << (5 * i);
        }
        return key;
    }

    /// <summary>
    /// The code-unit sets of a bucket of pieces (bit c of entry j: ASCII code unit c), per position j
    /// before the anchor, in the text as the filter reads it: ASCII separators removed, and of each
    /// run of code units of one <see cref="CollapseClass"/> only the first kept.
    /// </summary>
    /// <remarks>
    /// A piece x(0) .. x(k-1) occurs in the collapsed symbol stream only as k consecutive stretches of
    /// what the filter keeps, stretch t holding the code units of x(t)'s tokens, at least one each
    /// (code units not ASCII force a flag: <see cref="AnchorFilter"/>). The anchor is the first code
    /// unit of the last stretch. The stretch of a symbol whose code units all share one collapse class
    /// is exactly one code unit: a run of its tokens (over separators too) is one run of that class.
    /// Other symbols (<see cref="s_multiUnit"/>: rn, vv, cl, and r, n, v, c, which never collapse) may
    /// take several. So walking back from the anchor, the code unit j before it is the last of
    /// x(k-1-j)'s stretch while no such symbol lies between; past the first one, x(k-1-t), it may lie
    /// in any stretch from t to j (none is empty). An l that ends a cl and starts an i run ("cll":
    /// d, i) is counted with the i: c alone stands for the d, and is in its set. Positions past a
    /// piece's length allow everything (also "before the text").
    /// </remarks>
    private static UInt128[] Tables(IEnumerable<int> keys)
    {
        var sets = new UInt128[MaxLength];
        Span<int> symbols = stackalloc int[MaxLength];
        foreach (int key in keys)
        {
            int k = 0;
            for (int rest = key; rest != 0; rest >>= 5)
            {
                symbols[k++] = (rest & 31) - 1;
            }
            sets[0] |= s_first[symbols[k - 1]];
            UInt128 spread = UInt128.Zero;   // the stretches from the first multi-unit one on
            bool multi = false;
            for (int j = 1; j < MaxLength; j++)
            {
                if (j >= k)
                {
                    sets[j] = UInt128.MaxValue;
                    continue;
                }
                int x = symbols[k - 1 - j];
                if (multi)
                {
                    spread |= s_part[x];
                    sets[j] |= spread;
                }
                else
                {
                    sets[j] |= s_part[x];
                    spread = s_part[x];
                }
                multi |= s_multiUnit[x];
            }
        }
        return sets;
    }

    /// <summary>
    /// Per ASCII code unit: the class whose runs the filter collapses to their first code unit, the
    /// symbol for a code unit that is one symbol on its own and never part of another's token (l
    /// counts with i: see <see cref="Tables"/>), or <see cref="NoCollapse"/> (r, n, v, c, separators).
    /// </summary>
    public static byte CollapseClass(int c) => s_collapseClass[c];

    /// <summary>A class that never collapses.</summary>
    public const byte NoCollapse = 0x80;

    /// <summary>Whether the anchor filter can read texts for these tables: every ASCII code unit is a
    /// separator or a token's letter (no ignored or multi-token ASCII; true of today's tables).</summary>
    public static bool AsciiIsSimple => s_ignored == UInt128.Zero && s_always == UInt128.Zero;

    // Per symbol: the ASCII code units a token of it may begin with (first) or contain (part); the
    // ASCII separators (the filter removes them) and ignored characters (none today); whatever ASCII
    // the table cannot classify simply (none today: allowed everywhere).
    private static readonly UInt128[] s_first = new UInt128[Symbols.Count];
    private static readonly UInt128[] s_part = new UInt128[Symbols.Count];
    private static readonly UInt128 s_separators;
    private static readonly UInt128 s_ignored;
    private static readonly UInt128 s_always;
    private static readonly bool[] s_multiUnit = new bool[Symbols.Count];
    private static readonly byte[] s_collapseClass = new byte[128];

    /// <summary>Whether an ASCII code unit is a separator (the filter removes those).</summary>
    public static bool IsSeparator(int c) => ((s_separators >> c) & UInt128.One) != UInt128.Zero;

    static AnchorPieces()
    {
        int m = Symbols.FromRaw['m'], w = Symbols.FromRaw['w'], d = Symbols.FromRaw['d'];
        s_collapseClass.AsSpan().Fill(NoCollapse);
        foreach (char pairLetter in "rnvc")
        {
            s_multiUnit[Symbols.FromRaw[pairLetter]] = true;
        }
        s_multiUnit[m] = s_multiUnit[w] = s_multiUnit[d] = true;
        for (int c = 0; c < 128; c++)
        {
            UInt128 bit = UInt128.One << c;
            ushort entry = CharTable.Bmp[c];
            if (entry == CharTable.Separator)
            {
                s_separators |= bit;
                continue;
            }
            if (entry == CharTable.Ignore)
            {
                s_ignored |= bit;
                continue;
            }
            if (entry <= CharTable.LowSurrogate || entry >= CharTable.ExpansionBase)
            {
                s_always |= bit;
                continue;
            }
            int symbol = Symbols.FromRaw[entry];
            if (entry is not ('r' or 'n' or 'v' or 'c'))
            {
                s_collapseClass[c] = (byte)symbol;
            }
            s_first[symbol] |= bit;
            s_part[symbol] |= bit;
            // rn -> m, vv -> w, cl -> d: the first letter may begin the joined symbol's token, the
            // second may end it.
            switch (entry)
            {
                case 'r':
                    s_first[m] |= bit;
                    s_part[m] |= bit;
                    break;
                case 'n':
                    s_part[m] |= bit;
                    break;
                case 'v':
                    s_first[w] |= bit;
                    s_part[w] |= bit;
                    break;
                case 'c':
                    s_first[d] |= bit;
                    s_part[d] |= bit;
                    break;
                case 'l':
                    s_part[d] |= bit;
                    break;
            }
        }
    }

    /// <summary>Estimated share of English listing text the sets flag (code units independent).</summary>
    private static double Rate(UInt128[] sets)
    {
        double rate = 1;
        foreach (UInt128 set in sets)
        {
            double p = NonAsciiShare;
            for (UInt128 rest = set; rest != UInt128.Zero; rest &= rest - UInt128.One)
            {
                p += s_frequency[(int)UInt128.TrailingZeroCount(rest)];
            }
            rate *= Math.Min(1, p);
        }
        return rate;
    }

    private const double NonAsciiShare = 0.002;

    /// <summary>
    /// Rough share of each ASCII code unit in English listing text without its separators: letters by
    /// their usual English frequency (a twentieth of them capitals), some digits and signs. Only the
    /// ranking of pieces depends on it.
    /// </summary>
    private static readonly double[] s_frequency = BuildFrequency();

    private static double[] BuildFrequency()
    {
        var f = new double[128];
        ReadOnlySpan<double> letters = EnglishLetters.Percent;
        const double letterShare = 0.95;
        for (int i = 0; i < 26; i++)
        {
            double share = letterShare * letters[i] / 100;
            f['a' + i] = share * 0.95;
            f['A' + i] = share * 0.05;
        }
        for (char c = '0'; c <= '9'; c++)
        {
            f[c] = 0.003;
        }
        // The rest (punctuation, controls) share what is left.
        double used = 0;
        foreach (double x in f)
        {
            used += x;
        }
        int others = 0;
        for (int c = 0; c < 128; c++)
        {
            if (f[c] == 0)
            {
                others++;
            }
        }
        for (int c = 0; c < 128; c++)
        {
            if (f[c] == 0)
            {
                f[c] = Math.Max(0, 1 - used) / others;
            }
        }
        return f;
    }
}
