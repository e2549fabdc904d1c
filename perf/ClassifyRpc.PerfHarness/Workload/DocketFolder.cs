using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClassifyRpc.Docket;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>
/// A generated docket (perf/ClassifyRpc.Docket) for --docket, kept in a cache folder and reused while its options and
/// the generator's format are the same: the same options always give the same bytes, so generating them again (13-16 s
/// for 10,000 orders, most of it drawing 1,000 works; 77 MB) would only cost time. A docket is written beside its final place and moved there when whole, so
/// an interrupted run never leaves half a registry to be reused.
/// </summary>
internal static class DocketFolder
{
    public static string Ensure(DocketOptions options, string cacheRoot, Action<string> progress, out bool reused)
    {
        string description = options.Describe();
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)))[..16];
        string folder = Path.Combine(cacheRoot, string.Create(CultureInfo.InvariantCulture, $"orders-{options.Orders}-seed-{options.Seed}-{key}"));
        if (DocketGenerator.ReadDescription(folder) == description)
        {
            reused = true;
            return folder;
        }

        Directory.CreateDirectory(cacheRoot);
        if (Directory.Exists(folder))
        {
            // Not a finished docket of these options (an older format, or a crash while moving): made again.
            Directory.Delete(folder, recursive: true);
        }
        string staging = folder + string.Create(CultureInfo.InvariantCulture, $".partial-{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        DocketGenerator.Write(options, staging, progress);
        Directory.Move(staging, folder);
        reused = false;
        return folder;
    }
}
