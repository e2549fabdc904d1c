namespace ClassifyRpc.Docket;

/// <summary>One mark of a generated order. <paramref name="Ordinal"/> is its place among all the docket's marks.</summary>
public sealed record DocketMark(int Ordinal, int OrderIndex, string Id, string Text, bool Word, bool Fuzzy, bool HasPair)
{
    /// <summary>Its <c>mode</c> key in the case file.</summary>
    public string Mode => Word ? "word" : "anywhere";
}
