namespace ClassifyRpc.Text.Internal;

/// <summary>
/// The alphabet after step 5 (the symbol classes): 27 symbols. 'l' folds into 'i', and the digits and
/// signs that look like letters fold into those letters, so only 2 and 6 remain of the digits.
/// </summary>
internal static class Symbols
{
    /// <summary>Number of symbols: the automaton's alphabet.</summary>
    public const int Count = 27;

    /// <summary>Symbol index to its printed form (used by <see cref="TextNormalizer.Normalize"/>).</summary>
    public const string Printed = "abcdefghijkmnopqrstuvwxyz26";

    /// <summary>Raw token (ASCII code) to symbol index; 0xFF for anything that is not a raw token.</summary>
    public static readonly byte[] FromRaw = BuildFromRaw();

    /// <summary>The symbol 's' (the plural mark).</summary>
    public static readonly byte S = FromRaw['s'];

    /// <summary>The letters that pairs read as one (step 4's multi-letter look-alikes, rn -> m, vv -> w, cl -> d):
    /// the raw letter that must follow <paramref name="first"/>, or '\0' when <paramref name="first"/> starts no
    /// pair. The one place the pairs are written; the reader, the fast pass and the run builder take them from here.</summary>
    public static char PairSecond(char first) => first switch { 'r' => 'n', 'v' => 'v', 'c' => 'l', _ => '\0' };

    /// <summary>Whether <paramref name="letter"/> may end a pair (n, v, l): a letter whose reading depends on the
    /// one before it.</summary>
    public static bool IsPairSecond(char letter) =>
        letter == PairSecond('r') || letter == PairSecond('v') || letter == PairSecond('c');

    /// <summary>The raw letter the pair that <paramref name="first"/> starts reads as (see <see cref="PairSecond"/>).</summary>
    public static char PairJoined(char first) => first switch { 'r' => 'm', 'v' => 'w', 'c' => 'd', _ => '\0' };

    /// <summary>True for the characters word mode may read as punctuation at a word's end.</summary>
    public static bool IsTrailingPunctuation(char raw) => raw is '!' or '|' or '$' or '@';

    private static byte[] BuildFromRaw()
    {
        var map = new byte[128];
        map.AsSpan().Fill(0xFF);
        for (int i = 0; i < Printed.Length; i++)
        {
            map[Printed[i]] = (byte)i;
        }
        // Step 5: {i, l, 1, |, !} -> i; {o, 0} -> o; {s, 5, $} -> s; {a, 4, @} -> a; {e, 3} -> e;
        // {t, 7} -> t; {g, 9} -> g; {b, 8} -> b.
        Fold(map, 'i', "l1|!");
        Fold(map, 'o', "0");
        Fold(map, 's', "5$");
        Fold(map, 'a', "4@");
        Fold(map, 'e', "3");
        Fold(map, 't', "7");
        Fold(map, 'g', "9");
        Fold(map, 'b', "8");
        return map;
    }

    private static void Fold(byte[] map, char into, string members)
    {
        foreach (char c in members)
        {
            map[c] = map[into];
        }
    }
}
