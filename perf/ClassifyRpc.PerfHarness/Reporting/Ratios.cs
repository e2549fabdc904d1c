using ClassifyRpc.PerfHarness.Scenarios;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>One target's figure divided by another's (the service by the echo, the docket by the bundled registry),
/// per figure; null where either figure is zero.</summary>
internal sealed record Ratios(double? ListingsPerSecond, double? OperationsPerSecond, double? P50, double? P90, double? P99, double? P999, double? Max)
{
    /// <summary><paramref name="measured"/> over <paramref name="baseline"/>, or null when either was not measured.</summary>
    public static Ratios? Of(TargetMeasurement? measured, TargetMeasurement? baseline) => measured is null || baseline is null ? null : new Ratios(
        Divide(measured.ListingsPerSecond, baseline.ListingsPerSecond),
        Divide(measured.OperationsPerSecond, baseline.OperationsPerSecond),
        Divide(measured.Latency.P50Ms, baseline.Latency.P50Ms),
        Divide(measured.Latency.P90Ms, baseline.Latency.P90Ms),
        Divide(measured.Latency.P99Ms, baseline.Latency.P99Ms),
        Divide(measured.Latency.P999Ms, baseline.Latency.P999Ms),
        Divide(measured.Latency.MaxMs, baseline.Latency.MaxMs));

    private static double? Divide(double a, double b) => b > 0 && a > 0 ? Math.Round(a / b, 3) : null;
}
