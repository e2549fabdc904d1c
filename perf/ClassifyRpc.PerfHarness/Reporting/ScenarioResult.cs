using System.Text.Json.Serialization;
using ClassifyRpc.PerfHarness.Scenarios;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// A scenario's figures for every target and their ratios. <see cref="Ratio"/> is service/echo (throughput: 1.0 =
/// classification is free, 0.7 = the service keeps 70% of the echo's rate; latency: 1.5 = half as slow again).
/// <see cref="RatioToBundled"/> is service/bundled (with --compare-bundled: the server on the docket against a second
/// server on the bundled registry, the same requests: what the registry's size costs).
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
    TargetMeasurement? Echo,
    TargetMeasurement? Bundled = null)
{
    public Ratios? Ratio => Ratios.Of(Service, Echo);

    public Ratios? RatioToBundled => Ratios.Of(Service, Bundled);

    /// <summary>The targets measured, in table order (the JSON has each under its own name already).</summary>
    [JsonIgnore]
    public IEnumerable<TargetMeasurement> Measured => new[] { Service, Bundled, Echo }.OfType<TargetMeasurement>();

    public bool HasErrors => Measured.Any(static m => m.Errors > 0 || m.Operations == 0);
}
