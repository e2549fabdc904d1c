namespace ClassifyRpc.Text;

/// <summary>
/// One match of a mark in a scanned text. <see cref="Start"/> and <see cref="Length"/> are UTF-16
/// code-unit offsets into the original (not normalized) text; <see cref="Edits"/> is 0 for an exact or
/// normalized match and 1 for a one-typo (fuzzy) match.
/// </summary>
public readonly record struct MarkHit(int MarkIndex, int Start, int Length, int Edits);
