namespace ClassifyRpc.Registry;

/// <summary>A protected artwork of one case. <see cref="Ordinal"/> is its index in
/// <see cref="RegistrySnapshot.Works"/> and the <c>WorkOrdinal</c> of its artwork hits.</summary>
public sealed record Work(string Id, IReadOnlyList<string> Images, int CaseOrdinal, int Ordinal);
