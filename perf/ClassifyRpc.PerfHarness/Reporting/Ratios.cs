namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>Service figure divided by the echo's, per figure; null where the echo's figure is zero.</summary>
internal sealed record Ratios(double? ListingsPerSecond, double? OperationsPerSecond, double? P50, double? P90, double? P99, double? P999, double? Max);
