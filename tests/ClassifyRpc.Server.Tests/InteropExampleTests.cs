using System.Text.Json;
using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Server.Tests;

/// <summary>
/// The README's grpcurl examples, one per RPC, with exactly its JSON bodies, sent by the Python client's
/// grpcurl-like `call` mode (descriptors from reflection, bodies parsed by protobuf's own proto3 JSON
/// parser), so the documented bodies are proven valid for the contract's JSON mapping.
/// </summary>
public sealed class InteropExampleTests : IAsyncLifetime
{
    private readonly TempRegistry _registry = new();
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync(_registry.Folder);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _registry.Dispose();
    }

    private Task<JsonElement> Call(string method, string body, bool expectSuccess = true) =>
        InteropTests.RunPython(_server, expectSuccess, "call", method, body);

    private static IEnumerable<string?> Strings(JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString());

    [Fact]
    public async Task Classify()
    {
        var result = await Call("classify.v1.Classifier/Classify",
            """{"listing":{"listingId":"L1","storefrontId":"19885566","title":"Squishmallows plush 20cm","keywords":["kawaii"]},"channel":"CHANNEL_ADVERTISING"}""");

        var decision = result.GetProperty("decision");
        Assert.Equal("VERDICT_BLOCK", decision.GetProperty("verdict").GetString());
        Assert.Equal("squishmallows", decision.GetProperty("evidence")[0].GetProperty("mark").GetProperty("markId").GetString());
    }

    [Fact]
    public async Task ClassifyStream()
    {
        var result = await Call("classify.v1.Classifier/ClassifyStream",
            """
            {"batchId":"b1","channel":"CHANNEL_EMAIL","listings":[{"listingId":"L1","storefrontId":"19885566","title":"Squishmallows"},{"listingId":"L2","storefrontId":"42","title":"Teddy bear"}]}
            {"batchId":"b2","channel":"CHANNEL_LISTING","listings":[{"listingId":"L3","storefrontId":"42","title":"Snugglewomp bear"}]}
            """);

        var batches = result.EnumerateArray().ToList();
        Assert.Equal(["b1", "b2"], batches.Select(b => b.GetProperty("batchId").GetString()));
        Assert.Equal(["VERDICT_BLOCK", "VERDICT_ALLOW"], Strings(batches[0].GetProperty("decisions"), "verdict"));
        Assert.Equal(["VERDICT_BLOCK"], Strings(batches[1].GetProperty("decisions"), "verdict"));
    }

    [Fact]
    public async Task ClassifyQuery()
    {
        var result = await Call("classify.v1.Classifier/ClassifyQuery", """{"query":"squishmallows","channel":"CHANNEL_SEARCH"}""");

        Assert.Equal("VERDICT_BLOCK", result.GetProperty("verdict").GetString());
        Assert.False(result.TryGetProperty("suppress", out _)); // false is the default: omitted in proto3 JSON
        Assert.Contains("19885566", result.GetProperty("excludedStorefrontIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task HashImages()
    {
        var png = Convert.ToBase64String(File.ReadAllBytes(RepoPaths.Data("images-public", "womp-bear__identity.png")));
        var result = await Call("classify.v1.Classifier/HashImages",
            $$"""{"images":[{"imageId":"photo-1","content":"{{png}}"},{"imageId":"known","pdqHex":"{{new string('f', 64)}}","quality":90}]}""");

        var hashes = result.GetProperty("hashes").EnumerateArray().ToList();
        Assert.Equal(["photo-1", "known"], hashes.Select(h => h.GetProperty("imageId").GetString()));
        Assert.Matches("^[0-9a-f]{64}$", hashes[0].GetProperty("pdqHex").GetString()!);
        Assert.Equal(90, hashes[1].GetProperty("quality").GetInt32());
    }

    [Fact]
    public async Task GetRegistryInfoAndReloadRegistry()
    {
        var info = await Call("classify.v1.RegistryAdmin/GetRegistryInfo", "{}");
        Assert.Equal(3, info.GetProperty("cases").GetInt32());

        _registry.Write(ExtraCase.Path, ExtraCase.Valid);
        var reloaded = await Call("classify.v1.RegistryAdmin/ReloadRegistry", "{}");
        Assert.Equal(4, reloaded.GetProperty("cases").GetInt32());
        Assert.NotEqual(info.GetProperty("version").GetString(), reloaded.GetProperty("version").GetString());

        _registry.Write(ExtraCase.Path, ExtraCase.WithUnknownKey);
        var failed = await Call("classify.v1.RegistryAdmin/ReloadRegistry", "{}", expectSuccess: false);
        Assert.Equal("FAILED_PRECONDITION", failed.GetProperty("code").GetString());
        var violation = failed.GetProperty("precondition_violations")[0];
        Assert.Equal($"{ExtraCase.Path}:{ExtraCase.UnknownKeyLine}", violation.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task HealthCheck()
    {
        var result = await Call("grpc.health.v1.Health/Check", """{"service":""}""");
        Assert.Equal("SERVING", result.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InvalidArgumentDetails()
    {
        var result = await Call("classify.v1.Classifier/Classify",
            """{"listing":{"storefrontId":"19885566","title":"Squishmallows"},"channel":"CHANNEL_SEARCH"}""", expectSuccess: false);

        Assert.Equal("INVALID_ARGUMENT", result.GetProperty("code").GetString());
        Assert.Equal(["listing.listing_id"], Strings(result.GetProperty("field_violations"), "field"));
    }
}
