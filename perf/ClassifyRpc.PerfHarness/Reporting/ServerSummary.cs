using System.Globalization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// One line on the server a run measured: the registry it loaded (GetRegistryInfo), how long it took to answer
/// SERVING, and its resident set when serving and after the scenarios. With --docket these are figures of their own:
/// what a marketplace-sized registry costs to load and to hold.
/// </summary>
internal static class ServerSummary
{
    /// <summary>The line, or null when the run had no server (echo only).</summary>
    public static string? Render(RunReport report)
    {
        if (!report.Server.ContainsKey("address"))
        {
            return null;
        }
        var parts = new List<string>();
        if (report.Server.TryGetValue("registry", out object? value) && value is Dictionary<string, object?> registry)
        {
            parts.Add(registry.TryGetValue("error", out object? error)
                ? $"registry not described ({error})"
                : string.Create(CultureInfo.InvariantCulture,
                    $"registry {registry["cases"]:N0} cases, {registry["marks"]:N0} marks ({registry["patterns"]:N0} spellings), {registry["works"]:N0} works ({registry["image_hashes"]:N0} hashes), {registry["defendants"]:N0} defendants, {registry["notices"]:N0} notices"));
        }
        if (report.Server.TryGetValue("seconds_to_serving", out object? seconds) && seconds is double s)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"SERVING {s:0.0} s after start"));
        }
        string? serving = Megabytes(report, "rss_bytes_when_serving");
        string? after = Megabytes(report, "rss_bytes_after_scenarios");
        if (serving is not null || after is not null)
        {
            parts.Add($"RSS {serving ?? "?"} when serving, {after ?? "?"} after the scenarios");
        }
        return parts.Count == 0 ? null : "server: " + string.Join("; ", parts);
    }

    private static string? Megabytes(RunReport report, string key) =>
        report.Server.TryGetValue(key, out object? value) && value is long bytes
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB")
            : null;
}
