using System.Globalization;

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
            ScenarioResult? result = report.Scenarios.Find(s => s.Name == name);
            double? ratio = result?.Ratio?.ListingsPerSecond;
            report.Targets.Add(new TargetCheck(
                $"ClassifyStream text-only, batches of 1,000 ({name[^2..]}): >= {StreamThroughputFloor:0.0}x echo listings/s",
                result?.Service is null || result.Echo is null
                    ? "not measured"
                    : string.Create(CultureInfo.InvariantCulture, $"{Format.Rate(result.Service.ListingsPerSecond)} vs echo {Format.Rate(result.Echo.ListingsPerSecond)} listings/s = {Format.Ratio(ratio)}"),
                ratio is null ? null : ratio >= StreamThroughputFloor));
        }

        ScenarioResult? unary = report.Scenarios.Find(s => s.Name == "unary c=16");
        double? p99 = unary?.Ratio?.P99;
        report.Targets.Add(new TargetCheck(
            $"unary Classify at concurrency 16: p99 <= {UnaryP99Ceiling:0.0}x echo p99",
            unary?.Service is null || unary.Echo is null
                ? "not measured"
                : string.Create(CultureInfo.InvariantCulture, $"p99 {Format.Ms(unary.Service.Latency.P99Ms)} ms vs echo {Format.Ms(unary.Echo.Latency.P99Ms)} ms = {Format.Ratio(p99)}"),
            p99 is null ? null : p99 <= UnaryP99Ceiling));

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
        ScenarioResult? streams = report.Scenarios.Find(s => s.Name == "stream b=1000 x2");
        double? rate = streams?.RatioToBundled?.ListingsPerSecond;
        report.Targets.Add(new TargetCheck(
            $"docket: ClassifyStream text-only, batches of 1,000, two streams: >= {DocketStreamFloor:0.0}x the bundled registry's listings/s",
            streams?.Service is null || streams.Bundled is null
                ? "not measured (run with --compare-bundled, scenario stream b=1000 x2)"
                : string.Create(CultureInfo.InvariantCulture, $"{Format.Rate(streams.Service.ListingsPerSecond)} vs bundled {Format.Rate(streams.Bundled.ListingsPerSecond)} listings/s = {Format.Ratio(rate)}"),
            rate is null ? null : rate >= DocketStreamFloor));

        ScenarioResult? unary = report.Scenarios.Find(s => s.Name == "unary c=16");
        double? p99 = unary?.RatioToBundled?.P99;
        report.Targets.Add(new TargetCheck(
            $"docket: unary Classify at concurrency 16: p99 <= {DocketUnaryP99Ceiling:0.0}x the bundled registry's p99",
            unary?.Service is null || unary.Bundled is null
                ? "not measured (run with --compare-bundled, scenario unary c=16)"
                : string.Create(CultureInfo.InvariantCulture, $"p99 {Format.Ms(unary.Service.Latency.P99Ms)} ms vs bundled {Format.Ms(unary.Bundled.Latency.P99Ms)} ms = {Format.Ratio(p99)}"),
            p99 is null ? null : p99 <= DocketUnaryP99Ceiling));

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
}
