using System.Globalization;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// The folder a started server keeps work fingerprints in (<c>ClassifyRpc:WorkCacheFolder</c>, where the build has
/// that setting). Left unset, such a server uses <c>$HOME/.cache/classifyrpc/work-fingerprints</c>: every run after the
/// first would then start warm, and "seconds to SERVING" would no longer be a cold start. So the harness gives each
/// server a fresh empty folder of its own (cold), which a second start may reuse (warm), and deletes it at the end.
/// </summary>
internal sealed class WorkCache : IDisposable
{
    public const string Setting = "WorkCacheFolder";

    private static int s_serial;

    private WorkCache(string? folder) => Folder = folder;

    /// <summary>The folder, or null when the server has no such setting (its fingerprints live in memory only).</summary>
    public string? Folder { get; }

    /// <summary>The command-line setting to start the server with (none when the server has no such setting).</summary>
    public IReadOnlyList<string> Arguments => Folder is null ? [] : [$"--ClassifyRpc:{Setting}={Folder}"];

    /// <summary>What the JSON says about it.</summary>
    public string Describe(bool warm) => Folder is null
        ? "the server has no WorkCacheFolder setting: work fingerprints live in memory, every start is cold"
        : warm ? $"{Folder} (filled by an earlier start: warm)" : $"{Folder} (empty: cold start)";

    /// <summary>A fresh empty folder when <paramref name="serverDll"/> knows the setting, else nothing.</summary>
    public static WorkCache Fresh(string serverDll)
    {
        if (!ServerCapabilities.HasSetting(serverDll, Setting))
        {
            return new WorkCache(null);
        }
        string folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"classifyrpc-workcache-{Environment.ProcessId}-{Interlocked.Increment(ref s_serial)}"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        return new WorkCache(folder);
    }

    public void Dispose()
    {
        if (Folder is not null && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
