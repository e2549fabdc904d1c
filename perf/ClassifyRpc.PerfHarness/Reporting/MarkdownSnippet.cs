using System.Text;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>The README snippet written with --markdown: the table, the targets and the caveats that make it honest.</summary>
internal static class MarkdownSnippet
{
    public static string Render(RunReport report)
    {
        MachineInfo m = report.Machine;
        var text = new StringBuilder();
        text.AppendLine($"Measured {report.StartedUtc:yyyy-MM-dd HH:mm} UTC with `{report.Command.Trim()}` on {m.Cores} cores ({m.CpuModel ?? "unknown CPU"}), {m.Os}, {m.Runtime}; " +
            $"harness server GC {(m.HarnessServerGc ? "on" : "off")}, concurrent GC {(m.HarnessConcurrentGc ? "on" : "off")}; " +
            $"load average {m.LoadAverageAtStart} at start, {report.LoadAverageAtEnd} at end. Client, echo and server share the same cores.");
        text.AppendLine();
        text.Append(ResultTable.Render(report, markdown: true));
        text.AppendLine();
        text.Append(ResultTable.RenderTargets(report, markdown: true));
        return text.ToString();
    }
}
