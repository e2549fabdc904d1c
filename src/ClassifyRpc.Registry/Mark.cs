using ClassifyRpc.Text;

namespace ClassifyRpc.Registry;

/// <summary>A protected mark of one case. <see cref="Ordinal"/> is its index in
/// <see cref="RegistrySnapshot.Marks"/> and so the <see cref="MarkHit.MarkIndex"/> of its hits.</summary>
public sealed record Mark(string Id, string Text, MarkMode Mode, bool Fuzzy, IReadOnlyList<string> Variants, int CaseOrdinal, int Ordinal);
