using System.Globalization;
using System.Text;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>The growth sweep (--growth): one row per docket size, written to perf/results/growth-*.json and .md.</summary>
internal sealed class GrowthReport : HarnessReport
{
    /// <summary>The server on the bundled registry every size is compared with.</summary>
    public Dictionary<string, object?> Bundled { get; } = new(StringComparer.Ordinal);

    public List<GrowthRow> Rows { get; } = [];

    public bool Ok => Problems.Count == 0 && Rows.All(static r => r.Problem is null && r.Errors == 0);

    public string Write(string directory) => WriteJson(directory, "growth");

    /// <summary>The sweep as a Markdown table, with the line that says how it was measured.</summary>
    public string RenderMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Growth sweep {StartedUtc:yyyy-MM-dd HH:mm} UTC, `{Command.Trim()}`, {Machine.Cores} cores ({Machine.CpuModel ?? "unknown CPU"}), {Machine.Runtime}; " +
            $"load average {Machine.LoadAverageAtStart} at start, {LoadAverageAtEnd} at end. Rates: stream b=1000 x2 text-only, " +
            $"{Settings.GetValueOrDefault("duration_seconds")} s per server in two windows (docket, bundled, bundled, docket); client and servers share the cores."));
        text.AppendLine();
        text.AppendLine("| orders | marks (spellings) | defendants | works | SERVING cold s | SERVING warm s | RSS serving | RSS peak under load | RSS after streams | listings/s | bundled listings/s | docket/bundled | p99 ms |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (GrowthRow row in Rows)
        {
            if (row.Problem is not null && row.ColdServingSeconds is null)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Orders:N0} | {row.Problem.Replace("|", "\\|", StringComparison.Ordinal)} |||||||||||"));
                continue;
            }
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Orders:N0} | {N(row.Marks)} ({N(row.Patterns)}) | {N(row.Defendants)} | {N(row.Works)} | {S(row.ColdServingSeconds)} | {S(row.WarmServingSeconds)} | " +
                $"{Format.Gb(row.RssWhenServingBytes)} | {Format.Gb(row.PeakRssUnderLoadBytes)} | {Format.Gb(row.RssAfterStreamsBytes)} | " +
                $"{(row.ListingsPerSecond is double r ? Format.Rate(r) : "-")} | {(row.BundledListingsPerSecond is double b ? Format.Rate(b) : "-")} | {Format.Ratio(row.RatioToBundled)} | " +
                $"{(row.P99Ms is double p ? Format.Ms(p) : "-")}{(row.Errors > 0 ? $" ({row.Errors} errors)" : "")} |"));
        }
        return text.ToString();
    }

    private static string N(int? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";

    private static string S(double? seconds) => seconds?.ToString("0.0", CultureInfo.InvariantCulture) ?? "-";
}
