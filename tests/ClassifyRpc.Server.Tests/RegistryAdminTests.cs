using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Google.Rpc;
using Grpc.Core;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

/// <summary>GetRegistryInfo and ReloadRegistry on a private copy of the bundled registry.</summary>
public sealed class RegistryAdminTests : IAsyncLifetime
{
    private readonly TempRegistry _registry = new();
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync(_registry.Folder);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _registry.Dispose();
    }

    private static int CountLines(string path, bool header) =>
        File.ReadLines(path).Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')) - (header ? 1 : 0);

    private async Task<ClassifyResponse> ClassifyZorblax() =>
        await _server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = Make(Bystander, "Zorblax figure"), Channel = Channel.Advertising });

    [Fact]
    public async Task InfoDescribesTheLoadedRegistry()
    {
        var info = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());

        Assert.Matches("^[0-9a-f]{32}$", info.Version);
        Assert.Equal(3, info.Cases);
        Assert.Equal(4, info.Marks);
        Assert.Equal(5, info.Works);
        Assert.True(info.Patterns >= info.Marks, $"patterns {info.Patterns}");
        Assert.True(info.ImageHashes >= info.Works, $"image_hashes {info.ImageHashes}");
        var defendants = CountLines(Path.Combine(RepoPaths.DefaultRegistry, "defendants", "kelly-toys-v-19885566-store.txt"), false)
            + CountLines(Path.Combine(RepoPaths.DefaultRegistry, "defendants", "lumi-labs-v-doe-sellers.txt"), false);
        Assert.Equal(defendants, info.Defendants);
        Assert.Equal(CountLines(Path.Combine(RepoPaths.DefaultRegistry, "notices", "kelly-toys-v-19885566-store.csv"), true), info.Notices);
        Assert.Equal(Path.GetFullPath(_registry.Folder), info.Source);
        Assert.Equal(_server.Clock.GetUtcNow(), info.LoadedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task TheSameFilesGiveTheSameVersion()
    {
        await using var other = await ServerHost.StartAsync();
        var mine = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
        var theirs = await other.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
        Assert.Equal(theirs.Version, mine.Version);
        Assert.NotEqual(theirs.Source, mine.Source);
    }

    [Fact]
    public async Task GoodReloadSwapsTheRegistryIn()
    {
        var before = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
        Assert.Equal(Verdict.Allow, (await ClassifyZorblax()).Decision.Verdict);

        _registry.Write(ExtraCase.Path, ExtraCase.Valid);
        var after = await _server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest());

        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(4, after.Cases);
        Assert.Equal(5, after.Marks);
        var response = await ClassifyZorblax();
        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        Assert.Equal(after.Version, response.RegistryVersion);

        // Back to the original files: back to the original version (a content hash, not a counter).
        _registry.Delete(ExtraCase.Path);
        var restored = await _server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest());
        Assert.Equal(before.Version, restored.Version);
    }

    [Fact]
    public async Task AnOpenStreamPicksUpAReloadBetweenBatches()
    {
        using var call = _server.Classifier.ClassifyStream();
        async Task<DecisionBatch> Send(string id)
        {
            await call.RequestStream.WriteAsync(new ClassifyBatch { BatchId = id, Channel = Channel.Recommendation, Listings = { Make(Bystander, "Zorblax figure", id) } });
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            return call.ResponseStream.Current;
        }

        var before = await Send("before");
        _registry.Write(ExtraCase.Path, ExtraCase.Valid);
        var reloaded = await _server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest());
        var after = await Send("after");
        await call.RequestStream.CompleteAsync();

        Assert.Equal(Verdict.Allow, Assert.Single(before.Decisions).Verdict);
        Assert.Equal(Verdict.Block, Assert.Single(after.Decisions).Verdict);
        Assert.NotEqual(before.RegistryVersion, after.RegistryVersion);
        Assert.Equal(reloaded.Version, after.RegistryVersion);
    }

    [Fact]
    public async Task BadReloadAnswersFailedPreconditionAndKeepsServingTheOldRegistry()
    {
        var before = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());

        _registry.Write(ExtraCase.Path, ExtraCase.WithUnknownKey);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await _server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest()));

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("zorblax-v-everyone.yaml", e.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("colour", e.Status.Detail, StringComparison.Ordinal);
        var status = e.GetRpcStatus();
        Assert.NotNull(status);
        var failure = status.GetDetail<PreconditionFailure>();
        Assert.NotNull(failure);
        var violation = Assert.Single(failure.Violations);
        Assert.Equal($"{ExtraCase.Path}:{ExtraCase.UnknownKeyLine}", violation.Subject);
        Assert.Contains("colour", violation.Type, StringComparison.Ordinal);
        Assert.NotEmpty(violation.Description);
        var info = status.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(before.Version, info.Metadata["serving_version"]);

        var still = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
        Assert.Equal(before.Version, still.Version);
        var response = await ClassifyZorblax();
        Assert.Equal(Verdict.Allow, response.Decision.Verdict);
        Assert.Equal(before.Version, response.RegistryVersion);
    }

    [Fact]
    public async Task TheWatcherReloadsAChangedFolder()
    {
        var before = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());

        _registry.Write(ExtraCase.Path, ExtraCase.Valid);

        // Waits for the watcher (debounce 200 ms in tests); the bound only stops a broken watcher from
        // hanging the run, it is not what is asserted.
        var version = before.Version;
        for (var i = 0; i < 300 && version == before.Version; i++)
        {
            await Task.Delay(100);
            version = (await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest())).Version;
        }
        Assert.NotEqual(before.Version, version);
        Assert.Equal(Verdict.Block, (await ClassifyZorblax()).Decision.Verdict);
    }
}
