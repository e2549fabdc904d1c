using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using Microsoft.Extensions.Options;

namespace ClassifyRpc.Server.Internal;

/// <summary>
/// Watches the registry folder for the lifetime of the host and logs every reload, good or bad. The
/// swap itself is <see cref="RegistryHost"/>'s: a folder that does not load never replaces the good one.
/// </summary>
internal sealed partial class RegistryWatcher : IHostedService
{
    private readonly RegistryHost _host;
    private readonly WorkHashCache _workHashes;
    private readonly ILogger<RegistryWatcher> _logger;
    private readonly TimeSpan _debounce;

    public RegistryWatcher(RegistryHost host, WorkHashCache workHashes, IOptions<ClassifyRpcOptions> options, ILogger<RegistryWatcher> logger)
    {
        _host = host;
        _workHashes = workHashes;
        _logger = logger;
        _debounce = TimeSpan.FromMilliseconds(options.Value.RegistryDebounceMilliseconds);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshot = _host.Current;
        LogLoaded(_logger, snapshot.Source, snapshot.Version, snapshot.Cases.Count, snapshot.Marks.Count, snapshot.Works.Count);
        // What a restart saved: with an unchanged registry and a cache folder, nothing is computed.
        LogFingerprints(_logger, _workHashes.Computed, _workHashes.ReadFromDisk);
        _host.Reloaded += OnReloaded;
        _host.ReloadFailed += OnReloadFailed;
        _host.StartWatching(_debounce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _host.Reloaded -= OnReloaded;
        _host.ReloadFailed -= OnReloadFailed;
        // The container disposes the RegistryHost (and its watcher) when the host shuts down.
        return Task.CompletedTask;
    }

    private void OnReloaded(RegistrySnapshot snapshot) =>
        LogReloaded(_logger, snapshot.Source, snapshot.Version, snapshot.Cases.Count, snapshot.Marks.Count, snapshot.Works.Count);

    private void OnReloadFailed(RegistryLoadException error)
    {
        LogReloadFailed(_logger, error.Folder, error.Errors.Count, _host.Current.Version);
        foreach (var e in error.Errors)
        {
            LogRegistryError(_logger, e.ToString());
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registry {Source} loaded: version {Version}, {Cases} case(s), {Marks} mark(s), {Works} work(s)")]
    private static partial void LogLoaded(ILogger logger, string source, string version, int cases, int marks, int works);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Registry {Source} reloaded: version {Version}, {Cases} case(s), {Marks} mark(s), {Works} work(s)")]
    private static partial void LogReloaded(ILogger logger, string source, string version, int cases, int marks, int works);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Registry {Source} did not reload ({Count} error(s)); still serving version {Version}")]
    private static partial void LogReloadFailed(ILogger logger, string source, int count, string version);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Work fingerprints at start-up: {Computed} computed, {Read} read from the cache folder")]
    private static partial void LogFingerprints(ILogger logger, int computed, int read);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Registry error: {Error}")]
    private static partial void LogRegistryError(ILogger logger, string error);
}
