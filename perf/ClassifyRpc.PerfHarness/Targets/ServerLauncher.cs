using System.Diagnostics;
using ClassifyRpc.Tests;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// Starts a server the harness owns and waits until it answers SERVING, recording what the JSON needs about it (the
/// dll, log, environment, registry folder, seconds to SERVING, VmRSS when serving, what it loaded). One way for every
/// server a run starts: the one it measures, the bundled registry it is compared with, each size of the growth sweep.
/// </summary>
internal static class ServerLauncher
{
    /// <summary>Start-up bound on the bundled registry (three cases: seconds).</summary>
    public static readonly TimeSpan BundledServingTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Start-up bound on a docket: 10,000 orders (1,000 works to hash, 1.8 million defendants) took 14.5 s on a loaded
    /// 2-core host; far larger ones, or a busier host, take minutes.
    /// </summary>
    public static readonly TimeSpan DocketServingTimeout = TimeSpan.FromSeconds(900);

    /// <summary>
    /// Starts <paramref name="dll"/> on <paramref name="registry"/> (null: its bundled default) with
    /// <paramref name="arguments"/>, waits for SERVING (the clock runs from the process start), and fills
    /// <paramref name="record"/>. The caller owns the returned process (dispose it to stop the server).
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string dll, string logPath, string? registry, IReadOnlyList<string> arguments,
        TimeSpan timeout, Dictionary<string, object?> record, CancellationToken cancellationToken)
    {
        var environment = LaunchProfile.Environment(RepoPaths.Root);
        var clock = Stopwatch.StartNew();
        ServerProcess server = ServerProcess.Start(dll, RepoPaths.Root, logPath, environment, registry, arguments);
        try
        {
            record["started_by_harness"] = true;
            record["dll"] = Path.GetRelativePath(RepoPaths.Root, dll);
            record["log"] = Path.GetRelativePath(RepoPaths.Root, logPath);
            record["runtimeconfig"] = ServerProcess.DescribeRuntimeConfig(dll);
            record["environment"] = environment;
            record["arguments"] = arguments.ToArray();
            record["registry_folder"] = registry ?? "the server's default (the bundled registry)";
            record["address"] = server.Address.ToString();
            record["pid"] = server.Pid;

            using GrpcChannel channel = ClientChannels.Create(server.Address);
            await HealthProbe.WaitForServingAsync(channel, timeout, () => server.ExitReason, cancellationToken).ConfigureAwait(false);
            record["seconds_to_serving"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
            record["rss_bytes_when_serving"] = ProcStatus.ReadRssBytes(server.Pid);
            record["registry"] = await RegistryInfoReader.DescribeAsync(channel, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
