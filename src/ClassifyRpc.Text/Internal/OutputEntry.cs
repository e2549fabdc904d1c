namespace ClassifyRpc.Text.Internal;

/// <summary>One hit to report where the DFA enters a state with output (see <see cref="OutputTable"/>).</summary>
/// <param name="MarkIndex">Index of the mark in the list given to the build.</param>
/// <param name="Length">Length of the spelling in symbols: the match's runs, ending at the current one.</param>
/// <param name="Edits">0 for the mark's own forms, 1 for a one-edit (fuzzy) spelling.</param>
/// <param name="WholeWords">True for word mode: the spelling must cover a run of whole words.</param>
internal readonly record struct OutputEntry(int MarkIndex, int Length, byte Edits, bool WholeWords);
