namespace ClassifyRpc.Text.Internal;

/// <summary>
/// How often each letter occurs in English text, per cent of letters (the usual table, as in Lewand,
/// "Cryptological Mathematics", 2000). Both places that rank anchors by how often they would stop the scan
/// take it from here: the prefilter's pieces (<see cref="AnchorPieces"/>) and the fuzzy anchors
/// (<see cref="Fuzzy.AnchorChoice"/>). Only rankings depend on it.
/// </summary>
internal static class EnglishLetters
{
    /// <summary>Per cent of English letters that are 'a' + i.</summary>
    public static ReadOnlySpan<double> Percent =>
    [
        8.17, 1.29, 2.78, 4.25, 12.70, 2.23, 2.02, 6.09, 6.97, 0.15, 0.77, 4.03, 2.41,
        6.75, 7.51, 1.93, 0.10, 5.99, 6.33, 9.06, 2.76, 0.98, 2.36, 0.15, 1.97, 0.07,
    ];
}
