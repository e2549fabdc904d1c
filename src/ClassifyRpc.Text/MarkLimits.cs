namespace ClassifyRpc.Text;

/// <summary>
/// Bounds a build checks before it expands anything, so that a registry too large for this process is
/// refused with a clear error instead of exhausting memory: per mark (<see cref="MarkDefinitionException"/>)
/// and for the marks as a whole (<see cref="AutomatonLimitException"/>).
/// </summary>
public sealed record MarkLimits
{
    /// <summary>The default limits: what a 24 GiB, 2-core host builds in under a minute.</summary>
    public static MarkLimits Default { get; } = new();

    /// <summary>Letters (and digits) of a mark's text or variant after normalization.</summary>
    public int MaxMarkSymbols { get; init; } = 64;

    /// <summary>Readings of one form of a mark: five per look-alike pair it holds (rn, vv, cl).</summary>
    public int MaxReadings { get; init; } = 125;

    /// <summary>One-typo spellings of one form of a fuzzy mark (about 75 per letter, times its readings).</summary>
    public int MaxTypoSpellings { get; init; } = 200_000;

    /// <summary>Fuzzy marks are compiled with every one-typo spelling in the DFA (the fastest scan) while
    /// they have at most this many in all (about 75 per letter of each fuzzy mark, times its readings); past
    /// it, as anchors verified around each find, whose size grows with the marks' length only.</summary>
    public int MaxExpandedTypos { get; init; } = 20_000;

    /// <summary>
    /// The shortest anchor a verified fuzzy mark gets, in symbols; the typos a shorter piece of the mark would
    /// cover are compiled as whole spellings instead. Every place an anchor occurs stops the scan for a look
    /// around it, and short pieces occur everywhere: one docket's 5,000 marks (1,500 fuzzy) scanned the corpus
    /// in 4.2 ms with anchors of 2 symbols or more, 3.1 ms from 3 (88,000 states), 1.9 ms from 4 (395,000).
    /// </summary>
    public int MinAnchorSymbols { get; init; } = 3;

    /// <summary>States of the automaton; the scan itself cannot address more than
    /// <see cref="ScanMaxStates"/>.</summary>
    public int MaxStates { get; init; } = ScanMaxStates;

    /// <summary>The most states a scan can address: state ids are row byte offsets below 2^30.</summary>
    public const int ScanMaxStates = (1 << 30) / (28 * sizeof(int)) - 1;
}
