namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// What one target did in one scenario's measured window. Operations are calls (unary) or batches (streams).
/// Errors are failed calls or wrong answers (count or order of decisions); a run with errors is reported, not hidden.
/// </summary>
internal sealed record TargetMeasurement(
    string Target,
    double Seconds,
    long Operations,
    long Listings,
    double OperationsPerSecond,
    double ListingsPerSecond,
    LatencySummary Latency,
    long Errors,
    string? FirstError);
