using ClassifyRpc.Imaging;
using ClassifyRpc.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ClassifyRpc.Server.Tests;

/// <summary>ClassifyRpc:WorkCacheFolder: where the server keeps work fingerprints across restarts.</summary>
public sealed class WorkCacheTests : IDisposable
{
    private const int BundledWorkImages = 5;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "classifyrpc-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            File.Delete(_folder);
        }
    }

    private static WorkHashCache CacheOf(ServerHost server) => server.Services.GetRequiredService<WorkHashCache>();

    [Fact]
    public async Task ARestartedServerReadsTheFingerprintsInsteadOfHashing()
    {
        await using (var first = await ServerHost.StartAsync(null, null, $"--ClassifyRpc:WorkCacheFolder={_folder}"))
        {
            Assert.Equal(_folder, CacheOf(first).Folder);
            Assert.Equal((BundledWorkImages, 0), (CacheOf(first).Computed, CacheOf(first).ReadFromDisk));
        }
        Assert.Equal(BundledWorkImages, Directory.GetFiles(_folder, "*.wfp", SearchOption.AllDirectories).Length);

        await using var restarted = await ServerHost.StartAsync(null, null, $"--ClassifyRpc:WorkCacheFolder={_folder}");
        Assert.Equal((0, BundledWorkImages), (CacheOf(restarted).Computed, CacheOf(restarted).ReadFromDisk));
    }

    [Fact]
    public async Task AnEmptySettingKeepsThemInMemory()
    {
        await using var server = await ServerHost.StartAsync(null, null, "--ClassifyRpc:WorkCacheFolder=");
        Assert.Null(CacheOf(server).Folder);
        Assert.Equal(BundledWorkImages, CacheOf(server).Computed);
    }

    [Fact]
    public async Task AFolderThatCannotBeCreatedDoesNotStopTheServer()
    {
        File.WriteAllText(_folder, "a file where the folder's parent would be");
        await using var server = await ServerHost.StartAsync(null, null, $"--ClassifyRpc:WorkCacheFolder={Path.Combine(_folder, "fingerprints")}");
        Assert.Null(CacheOf(server).Folder);
        Assert.Equal(BundledWorkImages, CacheOf(server).Computed);
    }

    [Fact]
    public void TheDefaultFolderFollowsTheXdgConvention()
    {
        static Func<string, string?> Environment(string? xdg, string? home) => name => name switch
        {
            "XDG_CACHE_HOME" => xdg,
            "HOME" => home,
            _ => null,
        };

        var unset = new ClassifyRpcOptions();
        Assert.Equal("/x/classifyrpc/work-fingerprints", unset.ResolveWorkCacheFolder(Environment("/x", "/home/u")));
        // A relative XDG_CACHE_HOME is to be ignored (XDG base-directory spec).
        Assert.Equal("/home/u/.cache/classifyrpc/work-fingerprints", unset.ResolveWorkCacheFolder(Environment("rel", "/home/u")));
        Assert.Null(unset.ResolveWorkCacheFolder(Environment(null, null)));

        Assert.Null(new ClassifyRpcOptions { WorkCacheFolder = "" }.ResolveWorkCacheFolder(Environment("/x", "/home/u")));
        Assert.Equal("/srv/cache", new ClassifyRpcOptions { WorkCacheFolder = "/srv/cache" }.ResolveWorkCacheFolder(Environment("/x", "/home/u")));
    }
}
