using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Google.Rpc;
using Grpc.Core;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;
using Verdict = ClassifyRpc.V1.Verdict;

namespace ClassifyRpc.Server.Tests;

/// <summary>
/// ClassifyRpc:MaxAutomatonStates: a registry whose marks need more states is refused like any registry
/// that does not load, naming the setting: at start-up one line and exit 2, on reload FAILED_PRECONDITION
/// while the last good registry serves.
/// </summary>
public sealed class AutomatonLimitTests
{
    private const string Setting = "ClassifyRpc:MaxAutomatonStates";

    /// <summary>States the bundled registry's marks need, as the server would build them.</summary>
    private static int BundledStates() =>
        new RegistryLoader(new WorkHashCache(new ImageProber(new PdqHasher(ImageLimits.Default))), TimeProvider.System)
            .Load(RepoPaths.DefaultRegistry).Automaton.StateCount;

    [Fact]
    public async Task AtStartUpARegistryOverTheLimitIsOneLineAndExitCode2()
    {
        var (exit, _, stderr) = await ServerProcess.RunToExitAsync(
            ["--registry", RepoPaths.DefaultRegistry, "--urls", "http://127.0.0.1:0", $"--{Setting}=10"]);

        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("classifyrpc: registry '", line, StringComparison.Ordinal);
        Assert.Contains("did not load", line, StringComparison.Ordinal);
        Assert.Contains($"automaton states; the limit is 10 ({Setting})", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnReloadARegistryOverTheLimitAnswersFailedPreconditionAndTheOldOneServes()
    {
        int states = BundledStates();
        using var registry = new TempRegistry();
        // Exactly what the bundled registry needs: it loads, one more mark does not.
        await using var server = await ServerHost.StartAsync(registry.Folder, null, $"--{Setting}={states}");
        var before = await server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());

        registry.Write(ExtraCase.Path, ExtraCase.Valid);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest()));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains($"automaton states; the limit is {states} ({Setting})", e.Status.Detail, StringComparison.Ordinal);
        var violation = Assert.Single(Assert.IsType<PreconditionFailure>(e.GetRpcStatus()!.GetDetail<PreconditionFailure>()).Violations);
        Assert.Equal("(registry)", violation.Type);
        Assert.Equal(before.Version, (await server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest())).Version);
        var response = await server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = Make(Bystander, "Zorblax figure"), Channel = Channel.Search });
        Assert.Equal(Verdict.Allow, response.Decision.Verdict);
        Assert.Equal(before.Version, response.RegistryVersion);
    }

    [Theory]
    [InlineData("MaxAutomatonStates=0")]
    [InlineData("MaxAutomatonStates=2000000000")]
    [InlineData("MaxMarkSymbols=0")]
    public async Task AnImpossibleLimitStopsStartUp(string setting)
    {
        var (exit, _, stderr) = await ServerProcess.RunToExitAsync([$"--ClassifyRpc:{setting}", "--urls", "http://127.0.0.1:0"]);

        Assert.Equal(2, exit);
        Assert.Contains(setting.Replace("=", " = ", StringComparison.Ordinal), Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }
}
