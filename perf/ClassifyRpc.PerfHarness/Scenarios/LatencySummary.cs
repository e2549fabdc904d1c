namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>Latency percentiles in milliseconds (per call for unary, per batch for streams: send to its answer).</summary>
internal sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
