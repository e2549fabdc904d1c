using System.Diagnostics;
using ClassifyRpc.Docket;
using ClassifyRpc.PerfHarness.Reporting;
using ClassifyRpc.PerfHarness.Scenarios;
using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.Tests;

namespace ClassifyRpc.PerfHarness;

/// <summary>
/// The growth sweep (--growth 100,1000,10000,30000): how load time, working set and stream rate grow with the docket.
/// A server on the bundled registry stays up for the whole sweep; for each size the docket is generated (or reused),
/// its server started cold and timed to SERVING, stream b=1000 x2 measured on it and on the bundled server in turns
/// (docket, bundled, bundled, docket), its RSS read at SERVING, at its peak and after the streams; then it is stopped
/// and, where the server keeps work fingerprints on disk, started again on the folder it filled (warm) and timed.
/// Only one docket server runs at a time: a 30,000-order docket takes several GB while it loads.
/// </summary>
internal sealed class GrowthSweep
{
    private const string DocketTarget = "docket";
    private const string BundledTarget = "bundled";

    private readonly HarnessOptions _options;
    private readonly string[] _args;

    public GrowthSweep(HarnessOptions options, string[] args)
    {
        _options = options;
        _args = args;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<int> sizes = _options.Growth ?? throw new InvalidOperationException("no --growth sizes");
        var report = new GrowthReport
        {
            StartedUtc = DateTimeOffset.UtcNow,
            Command = "scripts/perf.sh " + string.Join(' ', _args),
            Machine = MachineInfo.Capture(),
            Settings = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["sizes"] = sizes,
                ["scenario"] = ScenarioSpec.Stream(1_000, 2).Name,
                ["warmup_seconds"] = _options.Warmup.TotalSeconds,
                ["duration_seconds"] = _options.Duration.TotalSeconds,
                ["pool_size"] = _options.PoolSize,
                ["seed"] = _options.Seed,
                ["docket_seed"] = _options.DocketSeed,
                ["docket_fuzzy_percent"] = _options.DocketFuzzyPercent ?? new DocketOptions().FuzzyShare * 100,
                ["docket_listings"] = _options.DocketListings,
            },
        };

        using var progress = new ProgressLine();
        ServerProcess? bundled = null;
        ServerProcess? docketServer = null;
        EventHandler onExit = (_, _) =>
        {
            bundled?.KillNow();
            docketServer?.KillNow();
        };
        AppDomain.CurrentDomain.ProcessExit += onExit;
        string dll = _options.ServerDll ?? Harness.DefaultServerDll();
        using WorkCache bundledCache = WorkCache.Fresh(dll);
        try
        {
            progress.Step("loading the corpus and images");
            IReadOnlyList<CorpusRecord> corpus = ListingCorpus.Load(RepoPaths.Data("listings-public.jsonl"));
            // Text-only streams: the images are not sent, but the workload is built the harness's one way.
            ImageSet images = await ImageSet.LoadAsync(RepoPaths.Data("images-public"), RepoPaths.Data("pdq-reference", "expected.csv"), null, cancellationToken).ConfigureAwait(false);

            progress.Step("starting a server on the bundled registry, waiting for SERVING");
            bundled = await ServerLauncher.StartAsync(dll, Log(report, "-bundled"), registry: null, bundledCache.Arguments,
                ServerLauncher.BundledServingTimeout, report.Bundled, cancellationToken).ConfigureAwait(false);

            foreach (int orders in sizes)
            {
                DocketOptions docket = _options.DocketFor(orders);
                var row = new GrowthRow { Orders = orders, DocketOptions = docket.Describe() };
                report.Rows.Add(row);
                try
                {
                    await MeasureAsync(row, docket, corpus, images, dll, bundled, report, progress, server => docketServer = server, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or InvalidDataException or Grpc.Core.RpcException)
                {
                    // One size that does not load (a limit of today's engine, say) is a figure too: the sweep goes on.
                    row.Problem = $"{e.GetType().Name}: {FirstLine(e.Message)}";
                    progress.Done($"{orders:N0} orders: {row.Problem}");
                }
                finally
                {
                    if (docketServer is not null)
                    {
                        await docketServer.DisposeAsync().ConfigureAwait(false);
                        docketServer = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            report.Problems.Add("sweep cancelled");
        }
        catch (Exception e)
        {
            report.Problems.Add($"sweep aborted: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            progress.Step("stopping");
            if (docketServer is not null)
            {
                await docketServer.DisposeAsync().ConfigureAwait(false);
            }
            if (bundled is not null)
            {
                await bundled.DisposeAsync().ConfigureAwait(false);
            }
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }

        report.FinishedUtc = DateTimeOffset.UtcNow;
        report.LoadAverageAtEnd = MachineInfo.ReadLoadAverage();
        string jsonPath = report.Write(_options.ResultsDirectory);
        string markdown = report.RenderMarkdown();
        string markdownPath = Path.ChangeExtension(jsonPath, ".md");
        File.WriteAllText(markdownPath, markdown);
        progress.Dispose();

        Console.WriteLine();
        Console.Write(markdown);
        Console.WriteLine();
        Console.WriteLine($"JSON: {Path.GetRelativePath(Environment.CurrentDirectory, jsonPath)}");
        Console.WriteLine($"Markdown: {Path.GetRelativePath(Environment.CurrentDirectory, markdownPath)}");
        foreach (string problem in report.Problems.Concat(report.Rows.Where(static r => r.Problem is not null).Select(static r => $"{r.Orders} orders: {r.Problem}")))
        {
            Console.Error.WriteLine($"problem: {problem}");
        }
        return report.Ok ? 0 : 1;
    }

    private async Task MeasureAsync(GrowthRow row, DocketOptions docket, IReadOnlyList<CorpusRecord> corpus, ImageSet images, string dll, ServerProcess bundled,
        GrowthReport report, ProgressLine progress, Action<ServerProcess?> running, CancellationToken cancellationToken)
    {
        int orders = docket.Orders;
        var generating = Stopwatch.StartNew();
        string folder = DocketFolder.Ensure(docket, _options.DocketCache, step => progress.Step($"{orders:N0} orders: docket: {step}"), out bool reused);
        row.DocketReused = reused;
        row.DocketSeconds = Math.Round(generating.Elapsed.TotalSeconds, 2);
        string registry = Path.Combine(folder, DocketGenerator.RegistryFolderName);

        // The same mix as a --docket run: the corpus's listings (benign against a docket) and the docket's own hits,
        // sent byte for byte alike to both servers.
        progress.Step($"{orders:N0} orders: building the workload");
        IReadOnlyList<CorpusRecord> planted = ListingCorpus.Load(Path.Combine(folder, DocketGenerator.ListingsFileName));
        WorkloadSet workload = WorkloadSet.Build(ListingCorpus.Interleave(corpus, planted), images, new WorkloadNeeds(false, false, false),
            _options.PoolSize, _options.BytesPoolSize, _options.MaxMessageBytes, _options.Seed);
        ScenarioSpec spec = ScenarioSpec.Stream(1_000, 2);
        ScenarioRequests requests = ScenarioRequests.Build(spec, workload);

        using WorkCache cache = WorkCache.Fresh(dll);
        var cold = new Dictionary<string, object?>(StringComparer.Ordinal);
        progress.Step($"{orders:N0} orders: cold start, waiting for SERVING");
        row.Log = Log(report, $"-growth-{orders}");
        ServerProcess server = await ServerLauncher.StartAsync(dll, row.Log, registry, cache.Arguments, ServerLauncher.DocketServingTimeout, cold, cancellationToken).ConfigureAwait(false);
        running(server);
        row.ColdServingSeconds = cold["seconds_to_serving"] as double?;
        row.RssWhenServingBytes = cold["rss_bytes_when_serving"] as long?;
        if (cold["registry"] is Dictionary<string, object?> info && !info.ContainsKey("error"))
        {
            row.Marks = info["marks"] as int?;
            row.Patterns = info["patterns"] as int?;
            row.Works = info["works"] as int?;
            row.Defendants = info["defendants"] as int?;
        }

        Dictionary<string, TargetMeasurement> measured;
        await using (var rss = new RssSampler(server.Pid, TimeSpan.FromMilliseconds(250)))
        {
            measured = await TargetRotation.RunAsync([(DocketTarget, server.Address), (BundledTarget, bundled.Address)], spec, requests,
                _options.Warmup, _options.Duration, window => progress.Step($"{orders:N0} orders: {window}"), cancellationToken).ConfigureAwait(false);
            row.PeakRssUnderLoadBytes = rss.PeakBytes;
        }
        row.RssAfterStreamsBytes = ProcStatus.ReadRssBytes(server.Pid);
        TargetMeasurement docketFigure = measured[DocketTarget];
        TargetMeasurement bundledFigure = measured[BundledTarget];
        row.ListingsPerSecond = Math.Round(docketFigure.ListingsPerSecond);
        row.BundledListingsPerSecond = Math.Round(bundledFigure.ListingsPerSecond);
        row.P99Ms = docketFigure.Latency.P99Ms;
        row.BundledP99Ms = bundledFigure.Latency.P99Ms;
        row.Errors = docketFigure.Errors + bundledFigure.Errors;
        row.FirstError = docketFigure.FirstError ?? bundledFigure.FirstError;

        await server.DisposeAsync().ConfigureAwait(false);
        running(null);

        if (cache.Folder is not null)
        {
            var warm = new Dictionary<string, object?>(StringComparer.Ordinal);
            progress.Step($"{orders:N0} orders: warm restart (work fingerprints kept), waiting for SERVING");
            ServerProcess again = await ServerLauncher.StartAsync(dll, Log(report, $"-growth-{orders}-warm"), registry, cache.Arguments, ServerLauncher.DocketServingTimeout, warm, cancellationToken).ConfigureAwait(false);
            running(again);
            row.WarmServingSeconds = warm["seconds_to_serving"] as double?;
            row.WarmRssWhenServingBytes = warm["rss_bytes_when_serving"] as long?;
            await again.DisposeAsync().ConfigureAwait(false);
            running(null);
        }

        progress.Done(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{orders:N0} orders: SERVING {row.ColdServingSeconds:0.0} s cold{(row.WarmServingSeconds is double w ? $", {w:0.0} s warm" : "")}, " +
            $"RSS {Format.Gb(row.RssWhenServingBytes)} serving, {Format.Gb(row.PeakRssUnderLoadBytes)} peak; " +
            $"{Format.Rate(docketFigure.ListingsPerSecond)} listings/s vs bundled {Format.Rate(bundledFigure.ListingsPerSecond)} = {Format.Ratio(row.RatioToBundled)}, {row.Errors} errors"));
    }

    private string Log(GrowthReport report, string suffix) =>
        Path.Combine(_options.ResultsDirectory, $"server-{report.StartedUtc:yyyyMMdd-HHmmss}{suffix}.log");

    /// <summary>A failed start's message is its first line and the server log's tail: keep the first and the last
    /// line (where the server says why it stopped) for the table.</summary>
    private static string FirstLine(string message)
    {
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length <= 1 ? message.Trim() : $"{lines[0]} ... {lines[^1]}";
    }
}
