using System.Globalization;
using ClassifyRpc.PerfHarness.Scenarios;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// The targets, checked against this run's figures: issue 5's (the service against the echo, only where both were
/// measured) and, on a docket, the marketplace-scale issue's (the docket's server against the bundled registry's with
/// --compare-bundled, its start-up and working set, and the reload with --reload-test).
/// </summary>
internal static class TargetEvaluation
{
    public const double StreamThroughputFloor = 0.7;
    public const double UnaryP99Ceiling = 1.5;

    /// <summary>The marketplace-scale issue: two streams of 1,000 on the docket keep this share of the bundled rate.</summary>
    public const double DocketStreamFloor = 0.5;

    public const double DocketUnaryP99Ceiling = 2.0;

    public const double ServingSecondsCeiling = 180;

    /// <summary>3 GB, decimal, as the issue writes it.</summary>
    public const long RssCeilingBytes = 3_000_000_000;

    public const double ReloadSecondsCeiling = 10;

    public const double ReloadP99Ceiling = 3.0;

    public static void Evaluate(RunReport report)
    {
        foreach (string name in new[] { "stream b=1000 x1", "stream b=1000 x4" })
        {
            report.Targets.Add(RateAtLeast(
                $"ClassifyStream text-only, batches of 1,000 ({name[^2..]}): >= {StreamThroughputFloor:0.0}x echo listings/s",
                report.Scenarios.Find(s => s.Name == name), static r => r.Echo, "echo", "not measured", StreamThroughputFloor));
        }

        report.Targets.Add(P99AtMost(
            $"unary Classify at concurrency 16: p99 <= {UnaryP99Ceiling:0.0}x echo p99",
            report.Scenarios.Find(s => s.Name == "unary c=16"), static r => r.Echo, "echo", "not measured", UnaryP99Ceiling));

        report.Targets.Add(report.Memory is { } memory
            ? new TargetCheck("server working set flat over the memory run",
                $"VmRSS {Format.Mb(memory.StartRssBytes)} -> {Format.Mb(memory.EndRssBytes)} over {memory.Seconds:0} s (max {Format.Mb(memory.MaxRssBytes)})", memory.Flat)
            : new TargetCheck("server working set flat over the memory run", "not measured (run with --memory)", null));

        if (report.Settings.GetValueOrDefault("docket_orders") is not null)
        {
            EvaluateDocket(report);
        }
    }

    private static void EvaluateDocket(RunReport report)
    {
        report.Targets.Add(RateAtLeast(
            $"docket: ClassifyStream text-only, batches of 1,000, two streams: >= {DocketStreamFloor:0.0}x the bundled registry's listings/s",
            report.Scenarios.Find(s => s.Name == "stream b=1000 x2"), static r => r.Bundled, "bundled",
            "not measured (run with --compare-bundled, scenario stream b=1000 x2)", DocketStreamFloor));

        report.Targets.Add(P99AtMost(
            $"docket: unary Classify at concurrency 16: p99 <= {DocketUnaryP99Ceiling:0.0}x the bundled registry's p99",
            report.Scenarios.Find(s => s.Name == "unary c=16"), static r => r.Bundled, "bundled",
            "not measured (run with --compare-bundled, scenario unary c=16)", DocketUnaryP99Ceiling));

        bool started = report.Server.GetValueOrDefault("started_by_harness") is true;
        double? serving = started && report.Server.GetValueOrDefault("seconds_to_serving") is double s ? s : null;
        report.Targets.Add(new TargetCheck(
            $"docket: SERVING within {ServingSecondsCeiling:0} s of a cold start",
            serving is null ? "not measured (the harness did not start the server)"
                : string.Create(CultureInfo.InvariantCulture, $"{serving:0.0} s ({report.Server.GetValueOrDefault("work_cache")})"),
            serving is null ? null : serving <= ServingSecondsCeiling));

        long? peak = report.Server.GetValueOrDefault("rss_bytes_peak_under_load") as long?;
        report.Targets.Add(new TargetCheck(
            $"docket: server VmRSS <= {RssCeilingBytes / 1e9:0.0} GB under load",
            peak is null ? "not measured" : $"peak {Format.Gb(peak)} while the scenarios ran (sampled every 0.25 s)",
            peak is null ? null : peak <= RssCeilingBytes));

        if (report.Reload is { } reload)
        {
            report.Targets.Add(new TargetCheck(
                $"reload: one order added, ReloadRegistry within {ReloadSecondsCeiling:0} s and current",
                reload.ReloadError is { } error ? "ReloadRegistry failed: " + error
                    : string.Create(CultureInfo.InvariantCulture, $"{reload.ReloadSeconds:0.00} s from the first file written to the answer; new version {(reload.NewVersionCurrent ? "current" : "NOT current")}"),
                reload.ReloadError is null && reload.NewVersionCurrent && reload.ReloadSeconds <= ReloadSecondsCeiling));
            report.Targets.Add(new TargetCheck(
                "reload: no call fails while it runs",
                string.Create(CultureInfo.InvariantCulture, $"{reload.StreamErrors} failed or wrong answers on the two streams"),
                reload.StreamErrors == 0));
            report.Targets.Add(new TargetCheck(
                $"reload: batch p99 during the reload <= {ReloadP99Ceiling:0.0}x just before",
                string.Create(CultureInfo.InvariantCulture, $"{Format.Ms(reload.DuringP99Ms)} ms vs {Format.Ms(reload.BeforeP99Ms)} ms = {Format.Ratio(reload.P99Ratio)}"),
                reload.P99Ratio is null ? null : reload.P99Ratio <= ReloadP99Ceiling));
        }
    }

    /// <summary>A target on a scenario's listings/s against a baseline's (<paramref name="baselineOf"/>: the echo, or the
    /// server on the bundled registry): met at <paramref name="floor"/> times the baseline's rate or more.</summary>
    private static TargetCheck RateAtLeast(string target, ScenarioResult? result, Func<ScenarioResult, TargetMeasurement?> baselineOf,
        string baselineName, string notMeasured, double floor)
    {
        if (result?.Service is not { } service || baselineOf(result) is not { } baseline)
        {
            return new TargetCheck(target, notMeasured, null);
        }
        double? ratio = Ratios.Of(service, baseline)?.ListingsPerSecond;
        return new TargetCheck(target,
            string.Create(CultureInfo.InvariantCulture, $"{Format.Rate(service.ListingsPerSecond)} vs {baselineName} {Format.Rate(baseline.ListingsPerSecond)} listings/s = {Format.Ratio(ratio)}"),
            ratio is null ? null : ratio >= floor);
    }

    /// <summary>A target on a scenario's p99 against a baseline's: met at <paramref name="ceiling"/> times the baseline's p99 or less.</summary>
    private static TargetCheck P99AtMost(string target, ScenarioResult? result, Func<ScenarioResult, TargetMeasurement?> baselineOf,
        string baselineName, string notMeasured, double ceiling)
    {
        if (result?.Service is not { } service || baselineOf(result) is not { } baseline)
        {
            return new TargetCheck(target, notMeasured, null);
        }
        double? ratio = Ratios.Of(service, baseline)?.P99;
        return new TargetCheck(target,
            string.Create(CultureInfo.InvariantCulture, $"p99 {Format.Ms(service.Latency.P99Ms)} ms vs {baselineName} {Format.Ms(baseline.Latency.P99Ms)} ms = {Format.Ratio(ratio)}"),
            ratio is null ? null : ratio <= ceiling);
    }
}
