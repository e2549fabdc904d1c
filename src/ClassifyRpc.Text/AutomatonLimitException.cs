namespace ClassifyRpc.Text;

/// <summary>
/// The marks as a whole are more than a configured limit allows (<see cref="MarkLimits"/>): no single mark
/// is at fault, so the registry is refused as too large rather than one mark as bad.
/// </summary>
public sealed class AutomatonLimitException : Exception
{
    public AutomatonLimitException(string limit, long required, long maximum)
        : base($"the marks need {required} {limit}; the limit is {maximum}")
    {
        Limit = limit;
        Required = required;
        Maximum = maximum;
    }

    /// <summary>What was counted, in the plural ("automaton states").</summary>
    public string Limit { get; }

    public long Required { get; }

    public long Maximum { get; }
}
