namespace ClassifyRpc.Text.Internal.Spellings;

/// <summary>
/// Word mode's suffixes (DESIGN "word": s, es, ing, ed, er, ers, or none) as the symbol runs each adds after a
/// collapsed spelling: joined to the spelling, then collapsed (step 6), so what a suffix adds depends on the
/// spelling's last symbol ("class" + "s" adds nothing). The DFA's word spellings and the fuzzy verifier's
/// whole-word cut both take them from here.
/// </summary>
internal static class WordSuffixes
{
    private static readonly string[] s_raw = ["", "s", "es", "ing", "ed", "er", "ers"];

    /// <summary>Per last symbol, per suffix: the runs the suffix adds.</summary>
    private static readonly string[] s_runs = BuildRuns();

    public static int Count => s_raw.Length;

    /// <summary>The most runs a suffix adds.</summary>
    public const int MaxRuns = 3;

    /// <summary>The symbol runs suffix <paramref name="k"/> adds after a spelling whose last symbol is
    /// <paramref name="lastSymbol"/>.</summary>
    public static string RunsAfter(int lastSymbol, int k) => s_runs[lastSymbol * s_raw.Length + k];

    private static string[] BuildRuns()
    {
        var table = new string[Symbols.Count * s_raw.Length];
        Span<char> runs = stackalloc char[MaxRuns];
        for (int last = 0; last < Symbols.Count; last++)
        {
            for (int k = 0; k < s_raw.Length; k++)
            {
                int length = 0;
                int previous = last;
                foreach (char raw in s_raw[k])
                {
                    int symbol = Symbols.FromRaw[raw];
                    if (symbol != previous)
                    {
                        runs[length++] = (char)symbol;
                        previous = symbol;
                    }
                }
                table[last * s_raw.Length + k] = new string(runs[..length]);
            }
        }
        return table;
    }
}
