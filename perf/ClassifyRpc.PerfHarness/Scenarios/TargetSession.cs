using ClassifyRpc.PerfHarness.Targets;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// One target's connections for one scenario. Streams get one channel (one HTTP/2 connection) each, as independent
/// schedulers would; a unary worker group shares one channel (multiple connections open if it needs more streams
/// than one allows). Channels are connected before any window and live across the scenario's windows, so a later
/// window needs only a short warm-up.
/// </summary>
internal sealed class TargetSession : IDisposable
{
    private readonly GrpcChannel[] _channels;

    private TargetSession(string name, GrpcChannel[] channels)
    {
        Name = name;
        _channels = channels;
    }

    public string Name { get; }

    public static async Task<TargetSession> OpenAsync(string name, Uri address, ScenarioSpec spec, CancellationToken cancellationToken)
    {
        var channels = new GrpcChannel[spec.Kind == ScenarioKind.Stream ? spec.Parallelism : 1];
        try
        {
            for (int i = 0; i < channels.Length; i++)
            {
                channels[i] = ClientChannels.Create(address);
                await channels[i].ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (GrpcChannel? channel in channels)
            {
                channel?.Dispose();
            }
            throw;
        }
        return new TargetSession(name, channels);
    }

    /// <summary>Warm-up, then one measured window; completions outside the window are not counted.</summary>
    public async Task<MeasuredSegment> RunAsync(ScenarioSpec spec, ScenarioRequests requests, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Generous bound for draining the last in-flight batches after the window closes; never unbounded.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(warmup + duration + TimeSpan.FromSeconds(60));
        var window = new MeasurementWindow(warmup, duration);
        return spec.Kind == ScenarioKind.Stream
            ? await RunStreamsAsync(spec, requests, window, keepTimeline: false, deadline.Token).ConfigureAwait(false)
            : await RunUnaryAsync(spec, requests, window, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams inside a window the caller opened just now and ends when it chooses (<see cref="MeasurementWindow.EndNow"/>),
    /// keeping each batch's timing so the run can be cut into windows afterwards. The caller bounds the time.
    /// </summary>
    public Task<MeasuredSegment> RunStreamsWithinAsync(ScenarioSpec spec, ScenarioRequests requests, MeasurementWindow window, CancellationToken cancellationToken) =>
        spec.Kind == ScenarioKind.Stream
            ? RunStreamsAsync(spec, requests, window, keepTimeline: true, cancellationToken)
            : throw new ArgumentException($"{spec.Name} is not a stream scenario", nameof(spec));

    public void Dispose()
    {
        foreach (GrpcChannel channel in _channels)
        {
            channel.Dispose();
        }
    }

    private async Task<MeasuredSegment> RunStreamsAsync(ScenarioSpec spec, ScenarioRequests requests, MeasurementWindow window, bool keepTimeline, CancellationToken cancellationToken)
    {
        var batches = requests.Batches!;
        var workers = new StreamWorker[spec.Parallelism];
        for (int i = 0; i < workers.Length; i++)
        {
            // Streams start at different batches so they do not send the same listings in lockstep.
            workers[i] = new StreamWorker(_channels[i].CreateCallInvoker(), batches, i * batches.Length / workers.Length, spec.Window, keepTimeline);
        }
        var running = new Task[workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            running[i] = workers[i].RunAsync(window, cancellationToken);
        }
        await Task.WhenAll(running).ConfigureAwait(false);

        long batchCount = 0, listings = 0, errors = 0;
        string? firstError = null;
        var recorders = new LatencyRecorder[workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            batchCount += workers[i].Batches;
            listings += workers[i].Listings;
            errors += workers[i].Errors;
            firstError ??= workers[i].FirstError;
            recorders[i] = workers[i].Recorder;
        }
        return new MeasuredSegment
        {
            Seconds = window.Seconds, Operations = batchCount, Listings = listings, Errors = errors, FirstError = firstError, Recorders = recorders,
            Timelines = keepTimeline ? workers.Select(static w => (IReadOnlyList<BatchTiming>)w.Timeline!).ToArray() : null,
        };
    }

    private async Task<MeasuredSegment> RunUnaryAsync(ScenarioSpec spec, ScenarioRequests requests, MeasurementWindow window, CancellationToken cancellationToken)
    {
        CallInvoker invoker = _channels[0].CreateCallInvoker();
        bool query = spec.Kind == ScenarioKind.Query;
        int count = query ? requests.Queries!.Length : requests.Unary!.Length;
        var workers = new UnaryWorker[spec.Parallelism];
        for (int i = 0; i < workers.Length; i++)
        {
            workers[i] = query ? new QueryUnaryWorker(invoker, requests.Queries!) : new ClassifyUnaryWorker(invoker, requests.Unary!);
        }
        var running = new Task[workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            // Interleaved walk: worker i takes requests i, i+N, i+2N, ... so concurrent calls carry different listings.
            running[i] = workers[i].RunAsync(window, i % count, workers.Length, cancellationToken);
        }
        await Task.WhenAll(running).ConfigureAwait(false);

        long calls = 0, errors = 0;
        string? firstError = null;
        var recorders = new LatencyRecorder[workers.Length];
        for (int i = 0; i < workers.Length; i++)
        {
            calls += workers[i].Calls;
            errors += workers[i].Errors;
            firstError ??= workers[i].FirstError;
            recorders[i] = workers[i].Recorder;
        }
        return new MeasuredSegment { Seconds = window.Seconds, Operations = calls, Listings = query ? 0 : calls, Errors = errors, FirstError = firstError, Recorders = recorders };
    }
}
