namespace ClassifyRpc.Docket;

/// <summary>One work of a generated order: one procedurally drawn PNG at <paramref name="ImagePath"/> (relative to the
/// registry folder). <paramref name="Ordinal"/> is its place among all the docket's works and seeds its drawing.</summary>
public sealed record DocketWork(int Ordinal, string Id, string ImagePath);
