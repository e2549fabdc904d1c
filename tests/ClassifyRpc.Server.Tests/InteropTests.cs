using System.Diagnostics;
using System.Text.Json;
using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Server.Tests;

/// <summary>
/// A client nobody here wrote: Debian's python3-grpcio (run with /usr/bin/python3; scripts/deps.sh installs
/// it) drives the server over a real socket through server reflection, as grpcurl does, using only
/// descriptors fetched from the server. tests/interop/reflect_client.py prints what it got as JSON.
/// </summary>
public sealed class InteropTests : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<JsonElement> RunClient() => RunPython(_server, expectSuccess: true);

    /// <summary>Runs tests/interop/reflect_client.py against <paramref name="server"/> and parses its JSON.</summary>
    internal static async Task<JsonElement> RunPython(ServerHost server, bool expectSuccess, params string[] args) =>
        JsonDocument.Parse(await RunPythonText(server, expectSuccess, args)).RootElement;

    internal static async Task<string> RunPythonText(ServerHost server, bool expectSuccess, params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tests", "interop", "reflect_client.py"));
        info.ArgumentList.Add($"{server.Address.Host}:{server.Address.Port}");
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        Assert.True(process.ExitCode == (expectSuccess ? 0 : 1), $"python client exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    [Fact]
    public async Task ListPrintsTheServicesAsGrpcurlDoes()
    {
        var lines = (await RunPythonText(_server, expectSuccess: true, "list")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(
            ["classify.v1.Classifier", "classify.v1.RegistryAdmin", "grpc.health.v1.Health",
             "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            lines);
    }

    [Fact]
    public async Task PythonGrpcioDrivesEveryClassifierCallThroughReflection()
    {
        var output = await RunClient();

        var services = output.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("classify.v1.Classifier", services);
        Assert.Contains("classify.v1.RegistryAdmin", services);
        Assert.Contains("grpc.health.v1.Health", services);

        var version = output.GetProperty("registry_info").GetProperty("version").GetString();
        Assert.Matches("^[0-9a-f]{32}$", version);

        // Proto3 JSON mapping: enums as names, int32 as numbers, default values omitted.
        var classify = output.GetProperty("classify");
        Assert.Equal(version, classify.GetProperty("registryVersion").GetString());
        var decision = classify.GetProperty("decision");
        Assert.Equal("VERDICT_BLOCK", decision.GetProperty("verdict").GetString());
        var mark = decision.GetProperty("evidence")[0].GetProperty("mark");
        Assert.Equal("squishmallows", mark.GetProperty("markId").GetString());
        Assert.Equal("FIELD_TITLE", mark.GetProperty("field").GetString());
        Assert.Equal(5, mark.GetProperty("start").GetInt32());

        var batches = output.GetProperty("classify_stream").EnumerateArray().ToList();
        Assert.Equal(["b1", "b2"], batches.Select(b => b.GetProperty("batchId").GetString()));
        Assert.Equal(["VERDICT_BLOCK", "VERDICT_ALLOW"], batches[0].GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("verdict").GetString()));
        var second = Assert.Single(batches[1].GetProperty("decisions").EnumerateArray());
        Assert.Equal("VERDICT_REVIEW", second.GetProperty("verdict").GetString());
        Assert.NotEmpty(second.GetProperty("error").GetString()!);

        var query = output.GetProperty("classify_query");
        Assert.Equal("VERDICT_BLOCK", query.GetProperty("verdict").GetString());
        Assert.True(query.GetProperty("suppress").GetBoolean());
        Assert.Equal(["womp-works-v-schedule-a"], query.GetProperty("caseIds").EnumerateArray().Select(c => c.GetString()));

        var invalid = output.GetProperty("classify_invalid");
        Assert.Equal("INVALID_ARGUMENT", invalid.GetProperty("code").GetString());
        Assert.Equal("channel", invalid.GetProperty("field_violations")[0].GetProperty("field").GetString());

        Assert.Equal("SERVING", output.GetProperty("health").GetString());
    }
}
