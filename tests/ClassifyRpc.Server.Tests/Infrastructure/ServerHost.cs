using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Microsoft.AspNetCore.Builder;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>
/// The real server (ClassifyRpcServer.Build, as Program runs it) on Kestrel at 127.0.0.1 with a free port,
/// plaintext HTTP/2, and a pinned clock. Tests talk to it over a real socket with Grpc.Net.Client.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    /// <summary>A date on which every case of the bundled registry is active.</summary>
    public static readonly DateOnly DefaultToday = new(2025, 6, 1);

    private readonly WebApplication _app;

    private ServerHost(WebApplication app, PinnedClock clock, Uri address)
    {
        _app = app;
        Clock = clock;
        Address = address;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            MaxSendMessageSize = 256 * 1024 * 1024,
        });
        Classifier = new Classifier.ClassifierClient(Channel);
        Admin = new RegistryAdmin.RegistryAdminClient(Channel);
    }

    public PinnedClock Clock { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public Classifier.ClassifierClient Classifier { get; }

    public RegistryAdmin.RegistryAdminClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServerHost> StartAsync(string? registry = null, DateOnly? today = null, params string[] settings)
    {
        var clock = new PinnedClock(today ?? DefaultToday);
        // Work fingerprints in memory only (the default folder is the user's ~/.cache), unless a test sets one.
        string[] args = ["--registry", registry ?? RepoPaths.DefaultRegistry, "--urls", "http://127.0.0.1:0",
            "--ClassifyRpc:RegistryDebounceMilliseconds=200", "--ClassifyRpc:WorkCacheFolder=", .. settings];
        var app = ClassifyRpcServer.Build(args, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ServerHost(app, clock, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
