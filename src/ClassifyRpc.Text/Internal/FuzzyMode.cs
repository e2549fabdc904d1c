namespace ClassifyRpc.Text.Internal;

/// <summary>How fuzzy marks are compiled.</summary>
internal enum FuzzyMode
{
    /// <summary>Anchors in the DFA, verified around each (<see cref="Fuzzy.FuzzyCompiler"/>): the product.</summary>
    Verified,

    /// <summary>Every one-typo spelling in the DFA: the definition, for tests to compare against; its
    /// automaton grows with length times alphabet per mark.</summary>
    Expanded,
}
