using System.Runtime;
using System.Runtime.InteropServices;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>The machine and runtime a run happened on; figures mean little without it.</summary>
internal sealed record MachineInfo(
    int Cores,
    string? CpuModel,
    long? MemoryBytes,
    string Os,
    string Runtime,
    string Architecture,
    bool HarnessServerGc,
    bool HarnessConcurrentGc,
    string? LoadAverageAtStart)
{
    public static MachineInfo Capture() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        ReadMemTotal(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        GCSettings.IsServerGC,
        // Batch latency mode is what the runtime uses when concurrent (background) GC is off.
        GCSettings.LatencyMode != GCLatencyMode.Batch,
        ReadLoadAverage());

    /// <summary>1, 5 and 15-minute load averages: a busy machine (other builds) makes every figure noisier.</summary>
    public static string? ReadLoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            string[] parts = text.Split(' ');
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadCpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    private static long? ReadMemTotal()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
