using ClassifyRpc.Server.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit;
using ReflectionV1 = Grpc.Reflection.V1;
using ReflectionV1Alpha = Grpc.Reflection.V1Alpha;

namespace ClassifyRpc.Server.Tests;

public sealed class HealthAndReflectionTests : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HealthIsServingOnceTheRegistryIsLoaded()
    {
        var health = new Health.HealthClient(_server.Channel);
        var response = await health.CheckAsync(new HealthCheckRequest { Service = "" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task ReflectionV1ListsTheServicesAndServesTheirFiles()
    {
        var client = new ReflectionV1.ServerReflection.ServerReflectionClient(_server.Channel);
        using var call = client.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ReflectionV1.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("classify.v1.Classifier", services);
        Assert.Contains("classify.v1.RegistryAdmin", services);
        Assert.Contains("grpc.health.v1.Health", services);

        await call.RequestStream.WriteAsync(new ReflectionV1.ServerReflectionRequest { FileContainingSymbol = "classify.v1.Classifier" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(b => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        var contract = Assert.Single(files, f => f.Package == "classify.v1");
        Assert.Contains(contract.Service, s => s.Name == "Classifier" && s.Method.Any(m => m.Name == "ClassifyStream" && m.ClientStreaming && m.ServerStreaming));
        await call.RequestStream.CompleteAsync();
    }

    [Fact]
    public async Task ReflectionV1AlphaIsServedForOlderTools()
    {
        var client = new ReflectionV1Alpha.ServerReflection.ServerReflectionClient(_server.Channel);
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ReflectionV1Alpha.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains(call.ResponseStream.Current.ListServicesResponse.Service, s => s.Name == "classify.v1.Classifier");
        await call.RequestStream.CompleteAsync();
    }
}
