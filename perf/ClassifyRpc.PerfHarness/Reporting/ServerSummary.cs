using System.Globalization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// One line per server a run measured: the registry it loaded (GetRegistryInfo), how long it took to answer SERVING,
/// and its resident set when serving, at its peak under load and after the scenarios. With --docket these are figures
/// of their own: what a marketplace-sized registry costs to load and to hold; with --compare-bundled a second line
/// gives the same for the bundled registry.
/// </summary>
internal static class ServerSummary
{
    /// <summary>The lines, or null when the run had no server (echo only).</summary>
    public static string? Render(RunReport report)
    {
        string? server = Describe("server", report.Server);
        string? bundled = Describe("bundled", report.Bundled);
        return server is null ? bundled : bundled is null ? server : server + Environment.NewLine + bundled;
    }

    private static string? Describe(string label, Dictionary<string, object?> server)
    {
        if (!server.ContainsKey("address"))
        {
            return null;
        }
        var parts = new List<string>();
        if (server.TryGetValue("registry", out object? value) && value is Dictionary<string, object?> registry)
        {
            parts.Add(registry.TryGetValue("error", out object? error)
                ? $"registry not described ({error})"
                : string.Create(CultureInfo.InvariantCulture,
                    $"registry {registry["cases"]:N0} cases, {registry["marks"]:N0} marks ({registry["patterns"]:N0} spellings), {registry["works"]:N0} works ({registry["image_hashes"]:N0} hashes), {registry["defendants"]:N0} defendants, {registry["notices"]:N0} notices"));
        }
        if (server.TryGetValue("seconds_to_serving", out object? seconds) && seconds is double s)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"SERVING {s:0.0} s after start"));
        }
        string? serving = Megabytes(server, "rss_bytes_when_serving");
        string? peak = Megabytes(server, "rss_bytes_peak_under_load");
        string? after = Megabytes(server, "rss_bytes_after_scenarios");
        if (serving is not null || after is not null)
        {
            parts.Add($"RSS {serving ?? "?"} when serving, {(peak is null ? "" : peak + " at its peak under load, ")}{after ?? "?"} after the scenarios");
        }
        return parts.Count == 0 ? null : label + ": " + string.Join("; ", parts);
    }

    private static string? Megabytes(Dictionary<string, object?> server, string key) =>
        server.TryGetValue(key, out object? value) && value is long bytes
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB")
            : null;
}
