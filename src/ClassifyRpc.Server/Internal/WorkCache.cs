using ClassifyRpc.Imaging;

namespace ClassifyRpc.Server.Internal;

/// <summary>
/// Creates the work fingerprint cache from the settings and says in the log where fingerprints persist,
/// or why they do not: a folder that cannot be used is a warning, never a reason to refuse to start (the
/// cache only saves time).
/// </summary>
internal static partial class WorkCache
{
    public static WorkHashCache Create(ImageProber prober, ClassifyRpcOptions options, ILogger logger)
    {
        var folder = options.ResolveWorkCacheFolder(Environment.GetEnvironmentVariable);
        if (folder is null)
        {
            LogMemoryOnly(logger, options.WorkCacheFolder is null ? "neither XDG_CACHE_HOME nor HOME is set" : $"{ClassifyRpcOptions.SectionName}:{nameof(ClassifyRpcOptions.WorkCacheFolder)} is empty");
            return new WorkHashCache(prober);
        }
        var cache = new WorkHashCache(prober, folder, message => LogFolderProblem(logger, message));
        if (cache.Folder is not null)
        {
            LogFolder(logger, cache.Folder);
        }
        return cache;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Work fingerprints persist in {Folder}")]
    private static partial void LogFolder(ILogger logger, string folder);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Work fingerprints are kept in memory only: {Reason}")]
    private static partial void LogMemoryOnly(ILogger logger, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogFolderProblem(ILogger logger, string problem);
}
