using ClassifyRpc.Decisions;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Server.Internal;
using ClassifyRpc.Server.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClassifyRpc.Server;

/// <summary>
/// Builds and runs the ClassifyRpc host. <see cref="Program"/> calls <see cref="RunAsync"/>; tests and the
/// perf harness call <see cref="Build"/> so they exercise exactly what production runs.
/// </summary>
public static partial class ClassifyRpcServer
{
    /// <summary>Where the server listens when neither <c>--urls</c>, <c>CLASSIFYRPC_URLS</c>, <c>ASPNETCORE_URLS</c>
    /// nor <c>Kestrel:Endpoints</c> say otherwise: loopback only, plaintext HTTP/2 (h2c).</summary>
    public const string DefaultUrl = "http://127.0.0.1:50051";

    /// <summary>Runs until shut down. Start-up problems (registry missing or invalid, bad settings) are
    /// one line on stderr and exit code 2, so scripts and supervisors see why at a glance.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Kestrel could not listen (address in use, a port it may not bind, a TLS certificate it
                // cannot read; it has logged the details), or a hosted service could not start (the registry
                // watcher over the inotify limit): start-up problems like any other.
                await Console.Error.WriteLineAsync(OneLine($"classifyrpc: could not start: {e.Message}")).ConfigureAwait(false);
                return 2;
            }
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }
        return 0;
    }

    /// <summary>
    /// Builds the host and loads the registry (so a bad registry fails here, before anything listens).
    /// Throws <see cref="StartupException"/> with a one-line reason.
    /// </summary>
    /// <param name="args">Command line: <c>--registry PATH</c>, <c>--urls URL[;URL]</c> and any ASP.NET configuration key.</param>
    /// <param name="configureServices">Runs after the defaults are registered: tests replace the <see cref="TimeProvider"/> here.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        // Content root = the binaries' folder, so appsettings.json (quiet per-request logging) is found from
        // any working directory, like the bundled registry.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // CLASSIFYRPC_REGISTRY and CLASSIFYRPC_URLS become the keys "registry" and "urls"; the command line
        // is added again after them so a flag still beats the environment.
        builder.Configuration.AddEnvironmentVariables("CLASSIFYRPC_");
        builder.Configuration.AddCommandLine(args);

        var options = builder.Configuration.GetSection(ClassifyRpcOptions.SectionName).Get<ClassifyRpcOptions>() ?? new ClassifyRpcOptions();
        var problem = options.Validate();
        if (problem is not null)
        {
            throw new StartupException(problem);
        }
        var registryFolder = ResolveRegistryFolder(builder.Configuration, options);

        ConfigureKestrel(builder, options);

        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options.ToImageLimits());
        services.AddSingleton(options.ToClassifierLimits());
        services.AddSingleton(sp => new PdqHasher(sp.GetRequiredService<ImageLimits>()));
        services.AddSingleton(sp => new ImageProber(sp.GetRequiredService<PdqHasher>()));
        services.AddSingleton(sp => WorkCache.Create(
            sp.GetRequiredService<ImageProber>(), options, sp.GetRequiredService<ILoggerFactory>().CreateLogger<WorkHashCache>()));
        services.AddSingleton(sp => new ImageHashCache(sp.GetRequiredService<PdqHasher>(), options.ImageCacheEntries));
        services.AddSingleton(sp => new RegistryLoader(sp.GetRequiredService<WorkHashCache>(), sp.GetRequiredService<TimeProvider>(), options.ToRegistryLimits()));
        services.AddSingleton(sp => new RegistryHost(registryFolder, sp.GetRequiredService<RegistryLoader>()));
        services.AddSingleton(sp => new ListingClassifier(
            sp.GetRequiredService<ImageProber>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ClassifierLimits>(),
            options.ToBatchParallelism()));
        services.AddHostedService<RegistryWatcher>();
        services.AddHostedService<StartupWarmup>();
        // Stateless services: one instance for all calls instead of grpc-dotnet's per-call activation.
        services.AddSingleton<ClassifierService>();
        services.AddSingleton<RegistryAdminService>();

        services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = options.MaxMessageBytes;
            o.MaxSendMessageSize = options.MaxMessageBytes;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<RegistryHealthCheck>("registry");

        configureServices?.Invoke(services);

        var app = builder.Build();

        // Load the registry now: a folder that does not load must stop start-up, not the first call. Whatever
        // goes wrong is one line and exit code 2 (RunAsync), never a stack trace: the trace, if any, goes to
        // the log at debug level.
        try
        {
            _ = app.Services.GetRequiredService<RegistryHost>().Current;
        }
        catch (Exception e)
        {
            var reason = e is RegistryLoadException load
                ? $"{load.Errors.Count} error(s): {string.Join("; ", load.Errors)}"
                : $"{e.GetType().Name}: {e.Message}";
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClassifyRpcServer).FullName!);
            // A plain registry error is all in the line; an unexpected failure's trace is what a debug log is for.
            LogStartupLoadFailed(logger, registryFolder, reason, e is RegistryLoadException { InnerException: null } ? null : e.InnerException ?? e);
            // Flushes the log providers before the process exits.
            ((IDisposable)app).Dispose();
            throw new StartupException(OneLine($"classifyrpc: registry '{registryFolder}' did not load: {reason}"));
        }

        app.MapGrpcService<ClassifierService>();
        app.MapGrpcService<RegistryAdminService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    private static string ResolveRegistryFolder(IConfiguration configuration, ClassifyRpcOptions options)
    {
        var configured = configuration["registry"] ?? options.Registry;
        var folder = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "registry")
            : Path.GetFullPath(configured);
        if (!Directory.Exists(folder))
        {
            throw new StartupException(OneLine($"classifyrpc: registry folder '{folder}' does not exist"));
        }
        return folder;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, ClassifyRpcOptions options)
    {
        var configuration = builder.Configuration;
        var hasEndpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!hasEndpoints && string.IsNullOrEmpty(configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // gRPC only: plaintext endpoints speak HTTP/2 with prior knowledge (h2c), which is what grpcurl
            // -plaintext and every gRPC client expect. TLS endpoints negotiate h2 through ALPN.
            // Kestrel:Endpoints:NAME:Protocols in configuration still overrides this per endpoint.
            kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.AddServerHeader = false;

            var http2 = kestrel.Limits.Http2;
            http2.MaxStreamsPerConnection = options.Http2MaxStreamsPerConnection;
            http2.InitialConnectionWindowSize = options.Http2InitialConnectionWindowBytes;
            http2.InitialStreamWindowSize = options.Http2InitialStreamWindowBytes;
            // Keep idle scheduler connections alive through NATs and notice dead peers.
            http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
            http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
        });
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    [LoggerMessage(EventId = 10, Level = LogLevel.Debug, Message = "Registry {Folder} did not load at start-up: {Reason}")]
    private static partial void LogStartupLoadFailed(ILogger logger, string folder, string reason, Exception? error);
}
