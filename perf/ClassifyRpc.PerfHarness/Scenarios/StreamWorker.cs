using System.Diagnostics;
using ClassifyRpc.V1;
using ClassifyRpc.PerfHarness.Targets;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// One ClassifyStream call driven like a scheduler drives it: the writer keeps up to <c>window</c> pre-built batches in
/// flight, the reader takes the answers (one per batch, in order), checks each one (batch id, decision count, first and
/// last listing id) and times it from the moment its batch was handed to the stream.
/// </summary>
internal sealed class StreamWorker
{
    private readonly CallInvoker _invoker;
    private readonly Serialized<ClassifyBatch>[] _batches;
    private readonly int _offset;
    private readonly int _window;

    public StreamWorker(CallInvoker invoker, Serialized<ClassifyBatch>[] batches, int offset, int window, bool keepTimeline = false)
    {
        _invoker = invoker;
        _batches = batches;
        _offset = offset;
        _window = window;
        Timeline = keepTimeline ? new List<BatchTiming>(1024) : null;
    }

    public LatencyRecorder Recorder { get; } = new();

    /// <summary>Every batch answered inside the window, in order, when asked for (null otherwise: it costs the client).</summary>
    public List<BatchTiming>? Timeline { get; }

    public long Batches { get; private set; }

    public long Listings { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public async Task RunAsync(MeasurementWindow window, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(_window, _window);
        // Ring buffers indexed by sequence number: a slot is rewritten only after the reader has released it.
        var sentAt = new long[_window];
        var inFlight = new Serialized<ClassifyBatch>[_window];
        try
        {
            using AsyncDuplexStreamingCall<Serialized<ClassifyBatch>, DecisionBatch> call =
                _invoker.AsyncDuplexStreamingCall(PreSerializedMethods.ClassifyStream, host: null, new CallOptions(cancellationToken: stop.Token));
            Task reader = ReadAsync(call.ResponseStream, sentAt, inFlight, slots, window, stop);
            try
            {
                int next = _offset % _batches.Length;
                long sent = 0;
                while (true)
                {
                    await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    long now = Stopwatch.GetTimestamp();
                    if (window.IsOver(now))
                    {
                        break;
                    }
                    Serialized<ClassifyBatch> batch = _batches[next];
                    next = next + 1 == _batches.Length ? 0 : next + 1;
                    int slot = (int)(sent++ % _window);
                    sentAt[slot] = now;
                    inFlight[slot] = batch;
                    await call.RequestStream.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                }
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The reader failed and stopped the call; its error is already recorded.
            }
            catch (RpcException e)
            {
                Fail($"write: {e.StatusCode}: {e.Status.Detail}");
                await stop.CancelAsync().ConfigureAwait(false);
            }
            await reader.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            Fail($"call: {e.StatusCode}: {e.Status.Detail}");
        }
    }

    private async Task ReadAsync(IAsyncStreamReader<DecisionBatch> responses, long[] sentAt, Serialized<ClassifyBatch>[] inFlight, SemaphoreSlim slots, MeasurementWindow window, CancellationTokenSource stop)
    {
        long received = 0;
        try
        {
            while (await responses.MoveNext(stop.Token).ConfigureAwait(false))
            {
                long now = Stopwatch.GetTimestamp();
                DecisionBatch answer = responses.Current;
                int slot = (int)(received++ % _window);
                ClassifyBatch? batch = inFlight[slot]?.Message;
                if (batch is null)
                {
                    Fail("an answer arrived for a batch that was never sent");
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
                string? wrong = Check(batch, answer);
                if (wrong is not null)
                {
                    Fail(wrong);
                }
                else if (window.Contains(now))
                {
                    Recorder.Record(sentAt[slot], now);
                    Timeline?.Add(new BatchTiming(sentAt[slot], now, batch.Listings.Count));
                    Batches++;
                    Listings += batch.Listings.Count;
                }
                slots.Release();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
        {
        }
        catch (RpcException e)
        {
            Fail($"read: {e.StatusCode}: {e.Status.Detail}");
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private static string? Check(ClassifyBatch batch, DecisionBatch answer)
    {
        int count = batch.Listings.Count;
        if (answer.BatchId != batch.BatchId)
        {
            return $"answer for batch '{answer.BatchId}' arrived where '{batch.BatchId}' was expected (out of order)";
        }
        if (answer.Decisions.Count != count)
        {
            return $"batch '{batch.BatchId}': {answer.Decisions.Count} decisions for {count} listings";
        }
        if (answer.Decisions[0].ListingId != batch.Listings[0].ListingId || answer.Decisions[count - 1].ListingId != batch.Listings[count - 1].ListingId)
        {
            return $"batch '{batch.BatchId}': decisions are not in the listings' order";
        }
        return null;
    }

    private void Fail(string message)
    {
        Errors++;
        FirstError ??= message;
    }
}
