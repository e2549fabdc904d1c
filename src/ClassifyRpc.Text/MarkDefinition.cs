namespace ClassifyRpc.Text;

/// <summary>One mark as a case declares it; its index in the list given to
/// <see cref="MarkAutomaton.Build"/> is the <see cref="MarkHit.MarkIndex"/> of its hits.</summary>
public sealed record MarkDefinition(string Id, string Text, MarkMode Mode, bool Fuzzy, IReadOnlyList<string> Variants);
