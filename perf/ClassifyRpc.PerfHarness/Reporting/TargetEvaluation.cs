using System.Globalization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>Issue 5's targets, checked against this run's figures (only where both service and echo were measured).</summary>
internal static class TargetEvaluation
{
    public const double StreamThroughputFloor = 0.7;
    public const double UnaryP99Ceiling = 1.5;

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
    }
}
