using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Grpc.Core;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

/// <summary>
/// Reloads flip the registry between two known versions while unary calls and streams run. No call may
/// fail, and every answer must be the one its registry_version implies: A (no zorblax case) says ALLOW
/// for a Zorblax listing, B says BLOCK. A torn snapshot would show as a mismatch. Once on the bundled
/// registry, once with thousands of orders more, so each reload has real work to do (and reuses most of it).
/// </summary>
public sealed class ConcurrentReloadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2_000)]
    public async Task EveryAnswerIsConsistentWithItsRegistryVersion(int generatedCases)
    {
        using var registry = new TempRegistry();
        AddCases(registry, generatedCases);
        await using var server = await ServerHost.StartAsync(registry.Folder);
        var versionA = (await server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest())).Version;
        registry.Write(ExtraCase.Path, ExtraCase.Valid);
        var versionB = (await server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest())).Version;
        Assert.NotEqual(versionA, versionB);

        Verdict Expected(string version) =>
            version == versionA ? Verdict.Allow
            : version == versionB ? Verdict.Block
            : throw new Xunit.Sdk.XunitException($"unknown registry_version {version}");

        using var reloadsDone = new CancellationTokenSource();
        var observed = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        async Task Reloader()
        {
            try
            {
                for (var i = 0; i < 20; i++)
                {
                    if (i % 2 == 0)
                    {
                        registry.Delete(ExtraCase.Path);
                    }
                    else
                    {
                        registry.Write(ExtraCase.Path, ExtraCase.Valid);
                    }
                    var info = await server.Admin.ReloadRegistryAsync(new ReloadRegistryRequest());
                    Assert.Equal(i % 2 == 0 ? versionA : versionB, info.Version);
                }
            }
            finally
            {
                reloadsDone.Cancel();
            }
        }

        async Task UnaryLoad()
        {
            for (var n = 0; n < 20 || !reloadsDone.IsCancellationRequested; n++)
            {
                var response = await server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = Make(Bystander, "Zorblax figure", $"u{n}"), Channel = Channel.Search });
                Assert.Equal(Expected(response.RegistryVersion), response.Decision.Verdict);
                observed.AddOrUpdate(response.RegistryVersion, 1, (_, c) => c + 1);
            }
        }

        async Task StreamLoad()
        {
            using var call = server.Classifier.ClassifyStream();
            for (var n = 0; n < 20 || !reloadsDone.IsCancellationRequested; n++)
            {
                var batch = new ClassifyBatch { BatchId = $"b{n}", Channel = Channel.Email };
                for (var i = 0; i < 200; i++)
                {
                    batch.Listings.Add(Make(Bystander, i % 2 == 0 ? "Zorblax figure" : "teddy bear", $"s{n}-{i}"));
                }
                await call.RequestStream.WriteAsync(batch);
                Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
                var decisions = call.ResponseStream.Current;
                Assert.Equal(batch.BatchId, decisions.BatchId);
                var expected = Expected(decisions.RegistryVersion);
                for (var i = 0; i < decisions.Decisions.Count; i++)
                {
                    Assert.Equal(i % 2 == 0 ? expected : Verdict.Allow, decisions.Decisions[i].Verdict);
                }
                observed.AddOrUpdate(decisions.RegistryVersion, 1, (_, c) => c + 1);
            }
            await call.RequestStream.CompleteAsync();
            Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        }

        await Task.WhenAll(
            Task.Run(Reloader),
            Task.Run(UnaryLoad), Task.Run(UnaryLoad), Task.Run(UnaryLoad),
            Task.Run(StreamLoad), Task.Run(StreamLoad));

        Assert.All(observed.Keys, v => Assert.Contains(v, new[] { versionA, versionB }));
    }

    /// <summary>Orders that judge the tests' listings ALLOW: any_seller (so no storefront index grows with
    /// them), each with 5 marks spelled from letters that "Zorblax figure" and "teddy bear" do not hold and
    /// a defendants file of 50 ids to parse.</summary>
    private static void AddCases(TempRegistry registry, int count)
    {
        const string letters = "hjkmnpqw";
        for (int c = 0; c < count; c++)
        {
            var yaml = new System.Text.StringBuilder($"id: generated-{c}\neffective_from: 2020-01-01\nscope: any_seller\nchannels:\n  search: enforced\n  email: enforced\nmarks:\n");
            for (int m = 0; m < 5; m++)
            {
                var text = new System.Text.StringBuilder("Q");
                for (int n = c * 5 + m; n > 0 || text.Length < 4; n /= letters.Length)
                {
                    text.Append(letters[n % letters.Length]);
                }
                yaml.Append($"  - id: generated-{c}-{m}\n    text: {text}\n");
            }
            yaml.Append($"defendants_file: defendants/generated-{c}.txt\n");
            registry.Write($"cases/generated-{c}.yaml", yaml.ToString());
            registry.Write($"defendants/generated-{c}.txt", string.Concat(Enumerable.Range(0, 50).Select(i => $"generated-{c}-store-{i}\n")));
        }
    }
}
