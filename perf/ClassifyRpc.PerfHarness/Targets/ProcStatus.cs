using System.Globalization;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>Reads a process's resident set (VmRSS) from /proc/PID/status: the working set the issue asks about.</summary>
internal static class ProcStatus
{
    /// <summary>VmRSS in bytes, or null if the process is gone or /proc is not there.</summary>
    public static long? ReadRssBytes(int pid)
    {
        string path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    // "VmRSS:     123456 kB"
                    ReadOnlySpan<char> value = line.AsSpan(6).Trim();
                    int space = value.IndexOf(' ');
                    return long.Parse(space < 0 ? value : value[..space], NumberStyles.Integer, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
