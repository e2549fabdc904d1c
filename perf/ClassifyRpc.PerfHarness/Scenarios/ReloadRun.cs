using System.Diagnostics;
using ClassifyRpc.Docket;
using ClassifyRpc.PerfHarness.Reporting;
using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// The reload scenario (--reload-test): while two streams of 1,000-listing batches run against the server on a private
/// copy of the docket's registry, the order a docket one larger would have last is written into that folder
/// (<see cref="DocketGenerator.AddOrder"/>) and applied with classify.v1.RegistryAdmin/ReloadRegistry; then
/// GetRegistryInfo and a probe listing show whether it took effect. The server is started with the folder watcher's
/// debounce set to a day, so this one call is the only reload: the watcher would otherwise start a second full reload
/// half a second after the files appear, and the figure would no longer be the call's.
/// </summary>
internal static class ReloadRun
{
    /// <summary>Setting the reload server is started with (see the class comment).</summary>
    public const string NoWatcherReload = "--ClassifyRpc:RegistryDebounceMilliseconds=86400000";

    private static readonly TimeSpan s_warmup = TimeSpan.FromSeconds(1);

    /// <summary>The window the reload is compared with: long enough for ~100 batches of 1,000 on two loaded cores.</summary>
    private static readonly TimeSpan s_before = TimeSpan.FromSeconds(5);

    /// <summary>After the answer, long enough for the batches in flight during the reload to be answered and counted
    /// (16 batches of 1,000 queued per stream: about a second and a half at the bundled registry's rate).</summary>
    private static readonly TimeSpan s_tail = TimeSpan.FromSeconds(5);

    /// <summary>The longest the reload may take before the scenario gives up on it.</summary>
    private static readonly TimeSpan s_reloadDeadline = TimeSpan.FromMinutes(10);

    public static async Task<ReloadResult> RunAsync(Uri address, int? serverPid, string registryFolder, DocketOptions docket, WorkloadSet workload,
        ProgressLine progress, CancellationToken cancellationToken)
    {
        ScenarioSpec spec = ScenarioSpec.Stream(1_000, 2);
        ScenarioRequests requests = ScenarioRequests.Build(spec, workload);
        progress.Step($"reload: planning order {docket.Orders + 1:N0} of the docket");
        DocketPlan larger = DocketGenerator.Plan(docket with { Orders = docket.Orders + 1 });
        DocketOrder added = larger.Orders[^1];
        ClassifyRequest probe = Probe(larger, added);

        using GrpcChannel admin = ClientChannels.Create(address);
        var registry = new RegistryAdmin.RegistryAdminClient(admin);
        var classifier = new Classifier.ClassifierClient(admin);
        RegistryInfo before = await RegistryInfoReader.ReadAsync(admin, cancellationToken).ConfigureAwait(false);
        string probeBefore = await AskAsync(classifier, probe, cancellationToken).ConfigureAwait(false);

        await using var rss = serverPid is int pid ? new RssSampler(pid, TimeSpan.FromMilliseconds(250)) : null;
        using TargetSession session = await TargetSession.OpenAsync("service", address, spec, cancellationToken).ConfigureAwait(false);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(s_warmup + s_before + s_reloadDeadline + s_tail + TimeSpan.FromSeconds(60));
        // Open long enough for any reload; closed by EndNow once the tail after the answer is over.
        var window = new MeasurementWindow(s_warmup, s_before + s_reloadDeadline + s_tail);
        Task<MeasuredSegment> streams = session.RunStreamsWithinAsync(spec, requests, window, bound.Token);

        string? reloadError = null;
        RegistryInfo? reloaded = null;
        long firstWrite = 0, callStart = 0, answered = 0;
        try
        {
            progress.Step($"reload: {spec.Name} for {(s_warmup + s_before).TotalSeconds:0} s before the change");
            await Task.Delay(s_warmup + s_before, bound.Token).ConfigureAwait(false);

            progress.Step($"reload: adding {added.Id} and calling ReloadRegistry");
            firstWrite = Stopwatch.GetTimestamp();
            DocketGenerator.AddOrder(larger, registryFolder);
            callStart = Stopwatch.GetTimestamp();
            try
            {
                reloaded = await registry.ReloadRegistryAsync(new ReloadRegistryRequest(), deadline: DateTime.UtcNow + s_reloadDeadline, cancellationToken: bound.Token).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                reloadError = $"{e.StatusCode}: {e.Status.Detail}";
            }
            answered = Stopwatch.GetTimestamp();

            progress.Step($"reload: {spec.Name} for {s_tail.TotalSeconds:0} s after the answer");
            await Task.Delay(s_tail, bound.Token).ConfigureAwait(false);
        }
        finally
        {
            window.EndNow();
        }
        MeasuredSegment segment = await streams.ConfigureAwait(false);

        RegistryInfo after = await RegistryInfoReader.ReadAsync(admin, cancellationToken).ConfigureAwait(false);
        string probeAfter = await AskAsync(classifier, probe, cancellationToken).ConfigureAwait(false);

        long beforeFrom = firstWrite - (long)(s_before.TotalSeconds * Stopwatch.Frequency);
        var beforeRecorder = new LatencyRecorder();
        var duringRecorder = new LatencyRecorder();
        long beforeBatches = 0, beforeListings = 0, duringBatches = 0, duringListings = 0;
        foreach (BatchTiming timing in segment.Timelines!.SelectMany(static t => t))
        {
            if (timing.SentTicks >= beforeFrom && timing.ReceivedTicks < firstWrite)
            {
                beforeRecorder.Record(timing.SentTicks, timing.ReceivedTicks);
                beforeBatches++;
                beforeListings += timing.Listings;
            }
            else if (timing.SentTicks < answered && timing.ReceivedTicks > firstWrite)
            {
                duringRecorder.Record(timing.SentTicks, timing.ReceivedTicks);
                duringBatches++;
                if (timing.ReceivedTicks <= answered)
                {
                    duringListings += timing.Listings;
                }
            }
        }
        LatencySummary beforeLatency = LatencyRecorder.Summarize([beforeRecorder]);
        LatencySummary duringLatency = LatencyRecorder.Summarize([duringRecorder]);
        double reloadSeconds = (double)(answered - firstWrite) / Stopwatch.Frequency;

        var result = new ReloadResult
        {
            Scenario = spec.Name,
            AddedCase = added.Id,
            AddedFiles = FilesOf(added),
            VersionBefore = before.Version,
            CasesBefore = before.Cases,
            VersionAfter = after.Version,
            CasesAfter = after.Cases,
            ReloadSeconds = Math.Round(reloadSeconds, 3),
            ReloadCallSeconds = Math.Round((double)(answered - callStart) / Stopwatch.Frequency, 3),
            ReloadError = reloadError,
            NewVersionCurrent = reloaded is not null && after.Version == reloaded.Version && after.Version != before.Version && after.Cases == before.Cases + 1,
            ProbeVerdictBefore = probeBefore,
            ProbeVerdictAfter = probeAfter,
            StreamErrors = segment.Errors,
            FirstStreamError = segment.FirstError,
            BeforeSeconds = s_before.TotalSeconds,
            BeforeBatches = beforeBatches,
            BeforeListingsPerSecond = Math.Round(beforeListings / s_before.TotalSeconds),
            BeforeP50Ms = beforeLatency.P50Ms,
            BeforeP99Ms = beforeLatency.P99Ms,
            DuringBatches = duringBatches,
            DuringListingsPerSecond = reloadSeconds > 0 ? Math.Round(duringListings / reloadSeconds) : 0,
            DuringP50Ms = duringLatency.P50Ms,
            DuringP99Ms = duringLatency.P99Ms,
            DuringMaxMs = duringLatency.MaxMs,
            PeakRssBytes = rss?.PeakBytes,
        };
        progress.Done(result.Describe());
        return result;
    }

    /// <summary>
    /// A listing that only the added order concerns: its first mark, exactly, in the title, sold from its first
    /// defendant's storefront (any storefront for an any_seller order). Before the reload nothing knows the mark (ALLOW);
    /// after it the order enforces it on advertising, which no generated order stays.
    /// </summary>
    private static ClassifyRequest Probe(DocketPlan plan, DocketOrder order)
    {
        string storefront = order.DefendantCount > 0 ? plan.DefendantId(order.Index, 0) : "reload-probe-storefront";
        var listing = new Listing
        {
            ListingId = "reload-probe-" + order.Id,
            StorefrontId = storefront,
            Title = $"{order.Marks[0].Text} plush toy, 8 inch",
            Description = "Soft and huggable.",
        };
        return new ClassifyRequest { Listing = listing, Channel = WorkloadSet.Channel };
    }

    private static async Task<string> AskAsync(Classifier.ClassifierClient classifier, ClassifyRequest probe, CancellationToken cancellationToken)
    {
        try
        {
            ClassifyResponse response = await classifier.ClassifyAsync(probe, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Decision.Verdict.ToString().ToUpperInvariant();
        }
        catch (RpcException e)
        {
            return $"error ({e.StatusCode})";
        }
    }

    private static string[] FilesOf(DocketOrder order) =>
        new[] { order.DefendantsFile, order.NoticesFile }.OfType<string>().Concat(order.Works.Select(static w => w.ImagePath)).Append(order.CaseFile).ToArray();
}
