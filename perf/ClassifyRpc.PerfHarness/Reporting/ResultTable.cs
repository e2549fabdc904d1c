using System.Text;
using ClassifyRpc.PerfHarness.Scenarios;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// The run as a table, one row per scenario and target, then its ratio rows (service/echo; docket/bundled with
/// --compare-bundled): plain text for the console, GitHub Markdown
/// for the README. Throughput is listings/s (ClassifyStream, Classify) or calls/s (ClassifyQuery); ops/s is batches/s
/// or calls/s; latencies are milliseconds per batch (stream) or per call (unary).
/// </summary>
internal static class ResultTable
{
    private static readonly string[] s_header = ["scenario", "target", "listings/s", "ops/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors"];

    public static string Render(RunReport report, bool markdown)
    {
        var rows = new List<string[]>();
        foreach (ScenarioResult result in report.Scenarios)
        {
            bool first = true;
            foreach (TargetMeasurement m in result.Measured)
            {
                rows.Add(
                [
                    first ? result.Name : "", m.Target,
                    Format.Rate(result.Kind == nameof(ScenarioKind.Query) ? m.OperationsPerSecond : m.ListingsPerSecond),
                    Format.Rate(m.OperationsPerSecond),
                    Format.Ms(m.Latency.P50Ms), Format.Ms(m.Latency.P90Ms), Format.Ms(m.Latency.P99Ms), Format.Ms(m.Latency.P999Ms), Format.Ms(m.Latency.MaxMs),
                    m.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]);
                first = false;
            }
            if (result.Ratio is { } r)
            {
                rows.Add(RatioRow("service/echo", result, r));
            }
            if (result.RatioToBundled is { } b)
            {
                // The service is the server on the docket here: the row is what the docket's size costs.
                rows.Add(RatioRow("docket/bundled", result, b));
            }
        }
        return markdown ? Markdown(rows) : Text(rows);
    }

    private static string[] RatioRow(string label, ScenarioResult result, Ratios r) =>
        ["", label, Format.Ratio(result.Kind == nameof(ScenarioKind.Query) ? r.OperationsPerSecond : r.ListingsPerSecond), Format.Ratio(r.OperationsPerSecond),
            Format.Ratio(r.P50), Format.Ratio(r.P90), Format.Ratio(r.P99), Format.Ratio(r.P999), Format.Ratio(r.Max), ""];

    public static string RenderTargets(RunReport report, bool markdown)
    {
        var text = new StringBuilder();
        if (report.Memory is { } memory)
        {
            text.Append(markdown ? "- " : "  ")
                .Append($"memory ({memory.Scenario}, {memory.Seconds:0} s, {Format.Rate(memory.ListingsPerSecond)} listings/s): server VmRSS {Format.Mb(memory.StartRssBytes)} at start, {Format.Mb(memory.EndRssBytes)} at end (min {Format.Mb(memory.MinRssBytes)}, max {Format.Mb(memory.MaxRssBytes)}): {memory.Verdict}")
                .AppendLine();
        }
        if (report.Reload is { } reload)
        {
            text.Append(markdown ? "- " : "  ").Append(reload.Describe()).AppendLine();
        }
        foreach (TargetCheck check in report.Targets)
        {
            text.Append(markdown ? "- " : "  ").Append(check.Target).Append(": ").Append(check.Measured);
            if (check.Met is bool met)
            {
                text.Append(met ? " -> met" : " -> NOT met");
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Text(List<string[]> rows)
    {
        int[] widths = new int[s_header.Length];
        foreach (string[] row in rows.Prepend(s_header))
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var text = new StringBuilder();
        AppendRow(text, s_header, widths);
        text.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
        foreach (string[] row in rows)
        {
            AppendRow(text, row, widths);
        }
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] row, int[] widths)
    {
        for (int i = 0; i < row.Length; i++)
        {
            // Names left-aligned, figures right-aligned.
            text.Append(i < 2 ? row[i].PadRight(widths[i]) : row[i].PadLeft(widths[i]));
            if (i + 1 < row.Length)
            {
                text.Append("  ");
            }
        }
        text.AppendLine();
    }

    private static string Markdown(List<string[]> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", s_header).AppendLine(" |");
        text.Append("| --- | --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", s_header.Length - 2))).AppendLine();
        foreach (string[] row in rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(static cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }
        return text.ToString();
    }
}
