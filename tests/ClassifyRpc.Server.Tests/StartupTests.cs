using System.Net;
using System.Net.Sockets;
using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace ClassifyRpc.Server.Tests;

/// <summary>The built server refuses to start on a registry it cannot serve: one line on stderr, exit 2.</summary>
public sealed class StartupTests
{
    private static string SingleLine(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return Assert.Single(lines);
    }

    [Fact]
    public async Task MissingRegistryFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "classifyrpc-no-such-registry-" + Guid.NewGuid().ToString("N"));

        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--registry", missing, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exit);
        var line = SingleLine(stderr);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryFromTheEnvironment()
    {
        var missing = Path.Combine(Path.GetTempPath(), "classifyrpc-env-registry-" + Guid.NewGuid().ToString("N"));

        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string> { ["CLASSIFYRPC_REGISTRY"] = missing });

        Assert.Equal(2, exit);
        Assert.Contains(missing, SingleLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryThatDoesNotLoad()
    {
        using var registry = new TempRegistry();
        registry.Write(ExtraCase.Path, ExtraCase.WithUnknownKey);

        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--registry", registry.Folder, "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exit);
        var line = SingleLine(stderr);
        Assert.Contains("did not load", line, StringComparison.Ordinal);
        Assert.Contains("zorblax-v-everyone.yaml", line, StringComparison.Ordinal);
        Assert.Contains("colour", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrlsFromTheEnvironmentAndTheBundledRegistryFromAnyWorkingDirectory()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var server = ServerProcess.Start([], new Dictionary<string, string> { ["CLASSIFYRPC_URLS"] = $"http://127.0.0.1:{port}" });
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var admin = new RegistryAdmin.RegistryAdminClient(channel);
            RegistryInfo? info = null;
            // Waits for start-up; the bound only keeps a broken server from hanging the run.
            for (var i = 0; i < 600 && info is null && !server.HasExited; i++)
            {
                try
                {
                    info = await admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
                {
                    await Task.Delay(100);
                }
            }
            Assert.NotNull(info);
            Assert.Equal(3, info.Cases);
            Assert.Equal(Path.Combine(Path.GetDirectoryName(ServerProcess.DllPath)!, "registry"), info.Source);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task AnAddressInUse()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--urls", $"http://127.0.0.1:{port}", "--ClassifyRpc:WorkCacheFolder="]);

        Assert.Equal(2, exit);
        var line = SingleLine(stderr);
        Assert.StartsWith("classifyrpc: could not start: ", line, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidLimit()
    {
        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--ClassifyRpc:MaxBatchListings=0", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exit);
        Assert.Contains("MaxBatchListings", SingleLine(stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidBatchParallelism()
    {
        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--ClassifyRpc:BatchMaxWorkers=-1", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exit);
        Assert.Contains("BatchMaxWorkers = -1", SingleLine(stderr), StringComparison.Ordinal);
    }
}
