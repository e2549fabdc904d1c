using ClassifyRpc.Server.Tests.Infrastructure;
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
    public async Task InvalidLimit()
    {
        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(["--ClassifyRpc:MaxBatchListings=0", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exit);
        Assert.Contains("MaxBatchListings", SingleLine(stderr), StringComparison.Ordinal);
    }
}
