namespace ClassifyRpc.Text.Internal;

/// <summary>What one compiled spelling means for one mark, or for the fuzzy verifier.</summary>
/// <param name="MarkIndex">Index of the mark in the list given to the build; for an anchor, -1 - its id.</param>
/// <param name="Edits">0 for the mark's own forms, 1 for a one-edit (fuzzy) spelling.</param>
/// <param name="WholeWords">True for word mode: the spelling must cover a run of whole words.</param>
internal readonly record struct PatternEntry(int MarkIndex, byte Edits, bool WholeWords)
{
    /// <summary>The entry of a fuzzy anchor (<see cref="Fuzzy.FuzzyCompiler"/>): no hit of its own, a verification.</summary>
    public static PatternEntry Anchor(int anchorId) => new(-1 - anchorId, 1, false);

    public bool IsAnchor => MarkIndex < 0;
}
