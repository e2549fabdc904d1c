namespace ClassifyRpc.Registry;

/// <summary>Verdicts in order of strength; numbered as the contract's <c>Verdict</c> enum.</summary>
public enum Verdict
{
    Allow = 1,
    Review = 2,
    Block = 3,
}
