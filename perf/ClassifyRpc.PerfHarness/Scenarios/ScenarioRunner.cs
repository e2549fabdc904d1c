using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>Runs one scenario against one target for warm-up plus the measured window, and sums up its workers.</summary>
internal static class ScenarioRunner
{
    public static async Task<TargetMeasurement> RunAsync(string target, Uri address, ScenarioSpec spec, ScenarioRequests requests, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        // Generous bound for draining the last in-flight batches after the window closes; never unbounded.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(warmup + duration + TimeSpan.FromSeconds(60));

        // Streams: one channel (one HTTP/2 connection) per stream, as independent schedulers would have.
        // Unary: one channel for the whole worker group; multiple connections open if it needs more than one.
        int channelCount = spec.Kind == ScenarioKind.Stream ? spec.Parallelism : 1;
        var channels = new GrpcChannel[channelCount];
        try
        {
            for (int i = 0; i < channels.Length; i++)
            {
                channels[i] = ClientChannels.Create(address);
                await channels[i].ConnectAsync(deadline.Token).ConfigureAwait(false);
            }
            return spec.Kind == ScenarioKind.Stream
                ? await RunStreamsAsync(target, spec, requests.Batches!, channels, warmup, duration, deadline.Token).ConfigureAwait(false)
                : await RunUnaryAsync(target, spec, requests, channels[0], warmup, duration, deadline.Token).ConfigureAwait(false);
        }
        finally
        {
            foreach (GrpcChannel? channel in channels)
            {
                channel?.Dispose();
            }
        }
    }

    private static async Task<TargetMeasurement> RunStreamsAsync(string target, ScenarioSpec spec, Serialized<ClassifyBatch>[] batches, GrpcChannel[] channels, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        var workers = new StreamWorker[spec.Parallelism];
        for (int i = 0; i < workers.Length; i++)
        {
            // Streams start at different batches so they do not send the same listings in lockstep.
            workers[i] = new StreamWorker(channels[i].CreateCallInvoker(), batches, i * batches.Length / workers.Length, spec.Window);
        }
        var window = new MeasurementWindow(warmup, duration);
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
        return new TargetMeasurement(target, window.Seconds, batchCount, listings, batchCount / window.Seconds, listings / window.Seconds,
            LatencyRecorder.Summarize(recorders), errors, firstError);
    }

    private static async Task<TargetMeasurement> RunUnaryAsync(string target, ScenarioSpec spec, ScenarioRequests requests, GrpcChannel channel, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        CallInvoker invoker = channel.CreateCallInvoker();
        var workers = new UnaryWorker[spec.Parallelism];
        int count = 0;
        for (int i = 0; i < workers.Length; i++)
        {
            if (spec.Kind == ScenarioKind.Query)
            {
                workers[i] = new QueryUnaryWorker(invoker, requests.Queries!);
                count = requests.Queries!.Length;
            }
            else
            {
                workers[i] = new ClassifyUnaryWorker(invoker, requests.Unary!);
                count = requests.Unary!.Length;
            }
        }
        var window = new MeasurementWindow(warmup, duration);
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
        return new TargetMeasurement(target, window.Seconds, calls, spec.Kind == ScenarioKind.Query ? 0 : calls, calls / window.Seconds,
            spec.Kind == ScenarioKind.Query ? 0 : calls / window.Seconds, LatencyRecorder.Summarize(recorders), errors, firstError);
    }
}
