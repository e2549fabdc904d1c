using ClassifyRpc.PerfHarness.Scenarios;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// A scenario's figures for both targets and their ratios. Throughput ratios are service/echo (1.0 = classification
/// is free; 0.7 = the service keeps 70% of the echo's rate); latency ratios are service/echo too (1.5 = half as slow again).
/// </summary>
internal sealed record ScenarioResult(
    string Name,
    string Kind,
    string Images,
    int BatchSize,
    int Parallelism,
    int Window,
    double MeanBatchListings,
    double MeanRequestBytes,
    TargetMeasurement? Service,
    TargetMeasurement? Echo)
{
    public Ratios? Ratio => Service is null || Echo is null ? null : new Ratios(
        Divide(Service.ListingsPerSecond, Echo.ListingsPerSecond),
        Divide(Service.OperationsPerSecond, Echo.OperationsPerSecond),
        Divide(Service.Latency.P50Ms, Echo.Latency.P50Ms),
        Divide(Service.Latency.P90Ms, Echo.Latency.P90Ms),
        Divide(Service.Latency.P99Ms, Echo.Latency.P99Ms),
        Divide(Service.Latency.P999Ms, Echo.Latency.P999Ms),
        Divide(Service.Latency.MaxMs, Echo.Latency.MaxMs));

    public bool HasErrors => (Service?.Errors ?? 0) > 0 || (Echo?.Errors ?? 0) > 0
        || Service is { Operations: 0 } || Echo is { Operations: 0 };

    private static double? Divide(double a, double b) => b > 0 && a > 0 ? Math.Round(a / b, 3) : null;
}
