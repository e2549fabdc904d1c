using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClassifyRpc.PerfHarness.Echo;

/// <summary>
/// Hosts <see cref="EchoClassifierService"/> in the harness process on its own loopback Kestrel port, plaintext HTTP/2,
/// with the transport settings of <see cref="EchoTransportSettings"/> (kept equal to the real server's, so the two
/// differ only in what the service method does).
/// </summary>
internal sealed class EchoHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EchoHost> StartAsync(AnswerBook book, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        // The echo must not pay for logging the real server might not do either; warnings still surface.
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            EchoTransportSettings.Apply(kestrel.Limits);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddSingleton(book);
        builder.Services.AddSingleton<EchoClassifierService>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = EchoTransportSettings.MaxMessageSize;
            grpc.MaxSendMessageSize = EchoTransportSettings.MaxMessageSize;
        });
        builder.Services.AddGrpcHealthChecks();

        WebApplication app = builder.Build();
        app.MapGrpcService<EchoClassifierService>();
        app.MapGrpcHealthChecksService();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Kestrel reports "http://127.0.0.1:PORT"; use it as is.
        return new EchoHost(app, new Uri(bound));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
