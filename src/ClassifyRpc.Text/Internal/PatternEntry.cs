namespace ClassifyRpc.Text.Internal;

/// <summary>What one compiled spelling means for one mark.</summary>
/// <param name="MarkIndex">Index of the mark in the list given to the build.</param>
/// <param name="Edits">0 for the mark's own forms, 1 for a one-edit (fuzzy) spelling.</param>
/// <param name="WholeWords">True for word mode: the spelling must cover a run of whole words.</param>
internal readonly record struct PatternEntry(int MarkIndex, byte Edits, bool WholeWords);
