using System.Text;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>The README snippet written with --markdown: the table, the targets and the caveats that make it honest.</summary>
internal static class MarkdownSnippet
{
    public static string Render(RunReport report)
    {
        MachineInfo m = report.Machine;
        var text = new StringBuilder();
        string serverGc = report.Server.TryGetValue("runtimeconfig", out object? config) && config is Dictionary<string, object?> gc
            ? $"server process: server GC {OnOff(gc, "System.GC.Server")}, concurrent GC {OnOff(gc, "System.GC.Concurrent")}; "
            : "";
        text.AppendLine($"Measured {report.StartedUtc:yyyy-MM-dd HH:mm} UTC with `{report.Command.Trim()}` on {m.Cores} cores ({m.CpuModel ?? "unknown CPU"}), {m.Os}, {m.Runtime}; " +
            serverGc +
            $"harness (client and echo): server GC {(m.HarnessServerGc ? "on" : "off")}, concurrent GC {(m.HarnessConcurrentGc ? "on" : "off")}; " +
            $"load average {m.LoadAverageAtStart} at start, {report.LoadAverageAtEnd} at end. Client, echo and server share the same cores.");
        text.AppendLine();
        if (ServerSummary.Render(report) is { } server)
        {
            text.AppendLine(server);
            text.AppendLine();
        }
        text.Append(ResultTable.Render(report, markdown: true));
        text.AppendLine();
        text.Append(ResultTable.RenderTargets(report, markdown: true));
        return text.ToString();
    }

    private static string OnOff(Dictionary<string, object?> config, string key) =>
        config.TryGetValue(key, out object? value) && value is bool on ? (on ? "on" : "off") : "default";
}
