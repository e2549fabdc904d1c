using System.Diagnostics;
using System.Globalization;
using ClassifyRpc.Docket;
using ClassifyRpc.PerfHarness.Echo;
using ClassifyRpc.PerfHarness.Reporting;
using ClassifyRpc.PerfHarness.Scenarios;
using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness;

/// <summary>
/// One run: prepare the workload, bring up the service (child process or --address), with --compare-bundled a second
/// server on the bundled registry, and the echo; run every scenario on each target in turn (<see cref="TargetRotation"/>:
/// so drift in machine load hits all alike), optionally the memory run and the reload scenario, then report. Returns
/// the process exit code: 0 only when every scenario ran without a wrong answer.
/// </summary>
internal sealed class Harness
{
    private const string ServiceTarget = "service";
    private const string EchoTarget = "echo";

    /// <summary>With --compare-bundled: the second server, on the bundled registry.</summary>
    private const string BundledTarget = "bundled";

    /// <summary>Longest the setup (hashing images, recording the service's answers) may take before the run gives up.</summary>
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(180);

    private readonly HarnessOptions _options;
    private readonly string[] _args;

    public Harness(HarnessOptions options, string[] args)
    {
        _options = options;
        _args = args;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var report = new RunReport
        {
            StartedUtc = DateTimeOffset.UtcNow,
            Command = "scripts/perf.sh " + string.Join(' ', _args),
            Machine = MachineInfo.Capture(),
            Settings = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["target"] = _options.Target.ToString().ToLowerInvariant(),
                ["warmup_seconds"] = _options.Warmup.TotalSeconds,
                ["duration_seconds"] = _options.Duration.TotalSeconds,
                ["quick"] = _options.Quick,
                ["memory"] = _options.Memory,
                ["pool_size"] = _options.PoolSize,
                ["bytes_pool_size"] = _options.BytesPoolSize,
                ["max_message_bytes"] = _options.MaxMessageBytes,
                ["seed"] = _options.Seed,
                ["filter"] = _options.Filter,
                ["docket_orders"] = _options.DocketOrders,
                ["docket_seed"] = _options.DocketOrders is null ? null : _options.DocketSeed,
                ["docket_fuzzy_percent"] = _options.DocketOrders is null ? null : _options.DocketFuzzyPercent ?? new DocketOptions().FuzzyShare * 100,
                ["docket_listings"] = _options.DocketOrders is null ? null : _options.DocketListings,
                ["compare_bundled"] = _options.CompareBundled,
                ["reload_test"] = _options.ReloadTest,
            },
        };

        using var progress = new ProgressLine();
        bool wantService = _options.Target != TargetSelection.Echo;
        bool wantEcho = _options.Target != TargetSelection.Service;
        ServerProcess? server = null;
        ServerProcess? bundled = null;
        WorkCache? workCache = null;
        WorkCache? bundledCache = null;
        RegistryCopy? registryCopy = null;
        EchoHost? echo = null;
        GrpcChannel? setupChannel = null;
        // Never leave a server behind, whatever ends this process.
        EventHandler onExit = (_, _) =>
        {
            server?.KillNow();
            bundled?.KillNow();
        };
        AppDomain.CurrentDomain.ProcessExit += onExit;
        try
        {
            IReadOnlyList<ScenarioSpec> scenarios = _options.Quick ? ScenarioCatalog.Quick() : ScenarioCatalog.Default();
            if (_options.Filter is { } filter)
            {
                scenarios = scenarios.Where(s => s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToArray();
            }
            WorkloadNeeds needs = WorkloadNeeds.For(scenarios, _options.Memory && wantService);

            progress.Step("loading the corpus");
            IReadOnlyList<CorpusRecord> corpus = ListingCorpus.Load(RepoPaths.Data("listings-public.jsonl"));
            string? registry = null;
            DocketOptions? docket = null;
            if (_options.DocketOrders is int orders)
            {
                docket = _options.DocketFor(orders);
                var generating = Stopwatch.StartNew();
                string folder = DocketFolder.Ensure(docket, _options.DocketCache, step => progress.Step($"docket of {orders:N0} orders: {step}"), out bool reused);
                registry = Path.Combine(folder, DocketGenerator.RegistryFolderName);
                IReadOnlyList<CorpusRecord> planted = ListingCorpus.Load(Path.Combine(folder, DocketGenerator.ListingsFileName));
                report.Workload["docket_folder"] = folder;
                report.Workload["docket_options"] = docket.Describe();
                report.Workload["docket_reused"] = reused;
                report.Workload["docket_setup_seconds"] = Math.Round(generating.Elapsed.TotalSeconds, 2);
                report.Workload["docket_listings"] = planted.Count;
                // Corpus listings carry the bundled registry's marks, which the docket does not hold: against it they
                // are the benign bulk of a marketplace's traffic, the docket's own listings the hits.
                corpus = ListingCorpus.Interleave(corpus, planted);
                if (_options.ReloadTest)
                {
                    // The reload scenario adds an order to the registry the server serves: never to the cached docket.
                    progress.Step("copying the docket's registry for the reload scenario");
                    registryCopy = RegistryCopy.Of(registry);
                    registry = registryCopy.Folder;
                    report.Workload["reload_registry_copy"] = registry;
                }
            }

            Uri? serviceAddress = null;
            int? serverPid = null;
            if (wantService)
            {
                if (_options.Address is null)
                {
                    string dll = _options.ServerDll ?? DefaultServerDll();
                    workCache = WorkCache.Fresh(dll);
                    IReadOnlyList<string> arguments = _options.ReloadTest ? [.. workCache.Arguments, ReloadRun.NoWatcherReload] : workCache.Arguments;
                    progress.Step(registry is null ? "starting the server, waiting for SERVING" : $"starting the server on {registry}, waiting for SERVING");
                    server = await ServerLauncher.StartAsync(dll, ServerLog(report, ""), registry, arguments,
                        docket is null ? ServerLauncher.BundledServingTimeout : ServerLauncher.DocketServingTimeout, report.Server, cancellationToken).ConfigureAwait(false);
                    report.Server["work_cache"] = workCache.Describe(warm: false);
                    serviceAddress = server.Address;
                    serverPid = server.Pid;
                    if (_options.CompareBundled)
                    {
                        // Started after the docket's server is up, so neither start-up is slowed by the other's.
                        bundledCache = WorkCache.Fresh(dll);
                        progress.Step("starting a second server on the bundled registry, waiting for SERVING");
                        bundled = await ServerLauncher.StartAsync(dll, ServerLog(report, "-bundled"), registry: null, bundledCache.Arguments,
                            ServerLauncher.BundledServingTimeout, report.Bundled, cancellationToken).ConfigureAwait(false);
                        report.Bundled["work_cache"] = bundledCache.Describe(warm: false);
                    }
                }
                else
                {
                    serviceAddress = _options.Address;
                    serverPid = _options.ServerPid;
                    report.Server["started_by_harness"] = false;
                    report.Server["address"] = serviceAddress.ToString();
                    report.Server["pid"] = serverPid;
                    using GrpcChannel probe = ClientChannels.Create(serviceAddress);
                    progress.Step($"waiting for health SERVING at {serviceAddress}");
                    var ready = Stopwatch.StartNew();
                    await HealthProbe.WaitForServingAsync(probe, ServerLauncher.BundledServingTimeout, () => null, cancellationToken).ConfigureAwait(false);
                    report.Server["seconds_to_serving"] = Math.Round(ready.Elapsed.TotalSeconds, 2);
                    if (serverPid is int pid)
                    {
                        report.Server["rss_bytes_when_serving"] = ProcStatus.ReadRssBytes(pid);
                    }
                    report.Server["registry"] = await RegistryInfoReader.DescribeAsync(probe, cancellationToken).ConfigureAwait(false);
                }
                setupChannel = ClientChannels.Create(serviceAddress);
            }

            progress.Step("preparing images and listings");
            var client = setupChannel is null ? null : new Classifier.ClassifierClient(setupChannel);
            // Setup talks to the service without a measured window: bound it, so a stuck server cannot hang the run.
            using var setupDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            setupDeadline.CancelAfter(SetupTimeout);
            ImageSet images = await ImageSet.LoadAsync(RepoPaths.Data("images-public"), RepoPaths.Data("pdq-reference", "expected.csv"), needs.PdqHex ? client : null, setupDeadline.Token).ConfigureAwait(false);
            WorkloadSet workload = WorkloadSet.Build(corpus, images, needs, _options.PoolSize, _options.BytesPoolSize, _options.MaxMessageBytes, _options.Seed);
            report.Workload["corpus_listings"] = corpus.Count;
            report.Workload["text_listings"] = workload.TextListings.Length;
            report.Workload["pdq_hex_listings"] = workload.PdqListings.Length;
            report.Workload["image_bytes_listings"] = workload.BytesListings.Length;
            report.Workload["image_bytes_recorded_twins"] = workload.BytesTwins;
            report.Workload["image_files"] = images.Files.Length;
            report.Workload["pdq_hashes"] = images.Hashes.Length;
            report.Workload["pdq_hash_source"] = needs.PdqHex ? images.HashSource : "not used by this run";
            report.Workload["queries"] = workload.Queries.Length;
            report.Workload["channel"] = WorkloadSet.Channel.ToString();

            AnswerBook book;
            if (client is not null)
            {
                progress.Step($"asking the service once per distinct listing ({workload.DistinctListings:N0}) and query ({workload.Queries.Length:N0})");
                var recording = Stopwatch.StartNew();
                book = await AnswerBook.RecordAsync(client, workload, setupDeadline.Token).ConfigureAwait(false);
                report.Workload["setup_seconds_recording_answers"] = Math.Round(recording.Elapsed.TotalSeconds, 2);
            }
            else
            {
                book = AnswerBook.Synthesize(workload);
            }
            report.Echo["answers"] = book.Synthesized ? "synthesized (ALLOW, no evidence): smaller than real answers, no ratio is meaningful" : "the service's own decisions, recorded in setup";
            report.Echo["registry_version"] = book.RegistryVersion;
            report.Echo["mean_decision_bytes"] = Math.Round(book.MeanDecisionBytes(), 1);
            report.Echo["verdicts"] = book.VerdictCounts();
            report.Echo["transport"] = EchoTransportSettings.Describe();

            if (bundled is not null)
            {
                // The bundled server's own answers to the same bytes: its verdicts differ from the docket's (different
                // marks), which the JSON shows. The per-call checks (batch id, count and order of decisions; a unary
                // answer's listing) hold for any registry, so they apply to both servers as they are.
                progress.Step("asking the bundled server once per distinct listing and query");
                using GrpcChannel bundledSetup = ClientChannels.Create(bundled.Address);
                AnswerBook bundledBook = await AnswerBook.RecordAsync(new Classifier.ClassifierClient(bundledSetup), workload, setupDeadline.Token).ConfigureAwait(false);
                report.Bundled["answers"] = "the bundled server's own decisions, recorded in setup (not used by the echo, which answers as the docket's server)";
                report.Bundled["registry_version"] = bundledBook.RegistryVersion;
                report.Bundled["mean_decision_bytes"] = Math.Round(bundledBook.MeanDecisionBytes(), 1);
                report.Bundled["verdicts"] = bundledBook.VerdictCounts();
            }

            if (wantEcho)
            {
                progress.Step("starting the echo");
                echo = await EchoHost.StartAsync(book, cancellationToken).ConfigureAwait(false);
                report.Echo["address"] = echo.Address.ToString();
            }

            // The targets in the order of a scenario's first windows; TargetRotation runs the second ones in reverse.
            var targets = new List<(string Name, Uri Address)>();
            if (serviceAddress is not null)
            {
                targets.Add((ServiceTarget, serviceAddress));
            }
            if (bundled is not null)
            {
                targets.Add((BundledTarget, bundled.Address));
            }
            if (echo is not null)
            {
                targets.Add((EchoTarget, echo.Address));
            }
            int steps = scenarios.Count * targets.Count * 2;
            int step = 0;
            await using (RssSampler? serverRss = serverPid is int sampled ? new RssSampler(sampled, TimeSpan.FromMilliseconds(250)) : null)
            await using (RssSampler? bundledRss = bundled is null ? null : new RssSampler(bundled.Pid, TimeSpan.FromMilliseconds(250)))
            {
                foreach (ScenarioSpec spec in scenarios)
                {
                    ScenarioRequests requests = ScenarioRequests.Build(spec, workload);
                    Dictionary<string, TargetMeasurement> measured = await TargetRotation.RunAsync(targets, spec, requests, _options.Warmup, _options.Duration,
                        window => progress.Step($"[{++step}/{steps}] {window}"), cancellationToken).ConfigureAwait(false);
                    var result = new ScenarioResult(spec.Name, spec.Kind.ToString(), spec.Images.ToString(), spec.BatchSize, spec.Parallelism, spec.Window,
                        Math.Round(requests.MeanBatchListings, 1), Math.Round(requests.MeanRequestBytes),
                        measured.GetValueOrDefault(ServiceTarget), measured.GetValueOrDefault(EchoTarget), measured.GetValueOrDefault(BundledTarget));
                    report.Scenarios.Add(result);
                    progress.Done($"{spec.Name}: {Summary(result)}");
                    if (result.HasErrors)
                    {
                        report.Problems.Add($"{spec.Name}: {string.Join("; ", result.Measured.Select(Describe))}");
                    }
                }

                if (_options.Memory && serviceAddress is not null)
                {
                    if (serverPid is null)
                    {
                        report.Problems.Add("--memory with --address needs --server-pid to read the server's working set");
                    }
                    else
                    {
                        report.Memory = await MemoryRun.RunAsync(serviceAddress, serverPid.Value, workload, _options.MemoryDuration, progress, cancellationToken).ConfigureAwait(false);
                        if (report.Memory.Errors > 0)
                        {
                            report.Problems.Add($"memory run: {report.Memory.Errors} errors");
                        }
                    }
                }
                if (serverRss?.PeakBytes is long serverPeak)
                {
                    report.Server["rss_bytes_peak_under_load"] = serverPeak;
                }
                if (bundledRss?.PeakBytes is long bundledPeak)
                {
                    report.Bundled["rss_bytes_peak_under_load"] = bundledPeak;
                }
            }

            if (serverPid is int loadedPid)
            {
                // After every scenario (and the memory run): what the registry and the load left resident.
                report.Server["rss_bytes_after_scenarios"] = ProcStatus.ReadRssBytes(loadedPid);
            }
            if (bundled is not null)
            {
                report.Bundled["rss_bytes_after_scenarios"] = ProcStatus.ReadRssBytes(bundled.Pid);
            }

            if (_options.ReloadTest && serviceAddress is not null && registryCopy is not null && docket is not null)
            {
                // Last: it changes the registry every scenario above ran on.
                report.Reload = await ReloadRun.RunAsync(serviceAddress, serverPid, registryCopy.Folder, docket, workload, progress, cancellationToken).ConfigureAwait(false);
                if (!report.Reload.Ok)
                {
                    var wrong = new List<string>();
                    if (report.Reload.ReloadError is { } error)
                    {
                        wrong.Add("ReloadRegistry failed: " + error);
                    }
                    if (!report.Reload.NewVersionCurrent)
                    {
                        wrong.Add("the new version is not current");
                    }
                    if (report.Reload.StreamErrors > 0)
                    {
                        wrong.Add($"{report.Reload.StreamErrors} stream errors (first: {report.Reload.FirstStreamError})");
                    }
                    report.Problems.Add("reload: " + string.Join("; ", wrong));
                }
            }
            TargetEvaluation.Evaluate(report);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: stop the server, keep what was measured.
            report.Problems.Add("run cancelled");
        }
        catch (Exception e)
        {
            report.Problems.Add($"run aborted: {e.GetType().Name}: {e.Message}");
            if (e is not (InvalidOperationException or TimeoutException or FileNotFoundException or InvalidDataException or OperationCanceledException))
            {
                // Unexpected: the stack is worth having. The expected ones say everything in their message.
                Console.Error.WriteLine();
                Console.Error.WriteLine($"perf harness: {e}");
            }
        }
        finally
        {
            progress.Step("stopping");
            setupChannel?.Dispose();
            if (echo is not null)
            {
                await echo.DisposeAsync().ConfigureAwait(false);
            }
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            if (bundled is not null)
            {
                await bundled.DisposeAsync().ConfigureAwait(false);
            }
            // Only once the servers that used them are gone.
            registryCopy?.Dispose();
            workCache?.Dispose();
            bundledCache?.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= onExit;
        }

        report.FinishedUtc = DateTimeOffset.UtcNow;
        report.LoadAverageAtEnd = MachineInfo.ReadLoadAverage();
        string jsonPath = report.Write(_options.ResultsDirectory);
        progress.Dispose();

        Console.WriteLine();
        Console.WriteLine($"ClassifyRpc perf, {report.StartedUtc:yyyy-MM-dd HH:mm} UTC, {report.Machine.Cores} cores, {report.Machine.Runtime}, " +
            $"load {report.Machine.LoadAverageAtStart} -> {report.LoadAverageAtEnd}, {_options.Duration.TotalSeconds:0.#} s per figure after {_options.Warmup.TotalSeconds:0.#} s warm-up");
        if (ServerSummary.Render(report) is { } serverLine)
        {
            Console.WriteLine(serverLine);
        }
        Console.WriteLine(ResultTable.Render(report, markdown: false));
        Console.Write(ResultTable.RenderTargets(report, markdown: false));
        Console.WriteLine($"JSON: {Path.GetRelativePath(Environment.CurrentDirectory, jsonPath)}");
        if (_options.Markdown)
        {
            string markdownPath = Path.ChangeExtension(jsonPath, ".md");
            File.WriteAllText(markdownPath, MarkdownSnippet.Render(report));
            Console.WriteLine($"Markdown: {Path.GetRelativePath(Environment.CurrentDirectory, markdownPath)}");
        }
        foreach (string problem in report.Problems)
        {
            Console.Error.WriteLine($"problem: {problem}");
        }
        return report.Ok ? 0 : 1;
    }

    /// <summary>perf/results/server-STARTED[SUFFIX].log: one log per server the run starts.</summary>
    private string ServerLog(RunReport report, string suffix) =>
        Path.Combine(_options.ResultsDirectory, $"server-{report.StartedUtc:yyyyMMdd-HHmmss}{suffix}.log");

    internal static string DefaultServerDll() =>
        Path.Combine(RepoPaths.Root, "src", "ClassifyRpc.Server", "bin", "Release", "net10.0", "linux-x64", "ClassifyRpc.Server.dll");

    private static string Summary(ScenarioResult result)
    {
        TargetMeasurement? m = result.Service ?? result.Echo;
        if (m is null)
        {
            return "not run";
        }
        bool query = result.Kind == nameof(ScenarioKind.Query);
        string rate = query ? $"{Format.Rate(m.OperationsPerSecond)} calls/s" : $"{Format.Rate(m.ListingsPerSecond)} listings/s";
        string ratio = result.Ratio is { } r
            ? $", {Format.Ratio(query ? r.OperationsPerSecond : r.ListingsPerSecond)} of echo, p99 {Format.Ratio(r.P99)}"
            : "";
        string bundled = result.RatioToBundled is { } b
            ? $", {Format.Ratio(query ? b.OperationsPerSecond : b.ListingsPerSecond)} of bundled, p99 {Format.Ratio(b.P99)}"
            : "";
        return $"{m.Target} {rate}, p99 {Format.Ms(m.Latency.P99Ms)} ms{ratio}{bundled}";
    }

    private static string Describe(TargetMeasurement m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.Target} {m.Operations} ops, {m.Errors} errors{(m.FirstError is null ? "" : " (first: " + m.FirstError + ")")}");
}
