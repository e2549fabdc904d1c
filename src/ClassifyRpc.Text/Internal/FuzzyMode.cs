namespace ClassifyRpc.Text.Internal;

/// <summary>How fuzzy marks are compiled. Both ways report the same hits (the tests hold them to it).</summary>
internal enum FuzzyMode
{
    /// <summary><see cref="Expanded"/> while every fuzzy mark's one-typo spellings together stay within
    /// <see cref="MarkLimits.MaxExpandedTypos"/>, else <see cref="Verified"/>.</summary>
    Auto,

    /// <summary>Anchors in the DFA, verified around each find (<see cref="Fuzzy.FuzzyCompiler"/>): the automaton
    /// grows with the marks' length.</summary>
    Verified,

    /// <summary>Every one-typo spelling in the DFA: the fastest scan (a find is a DFA output like any other),
    /// but the automaton grows with length times alphabet per mark; and the definition the verification is
    /// tested against.</summary>
    Expanded,
}
