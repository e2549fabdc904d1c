using System.Diagnostics;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// One of N outstanding unary callers (closed loop: the next call starts when the previous one ends), so the scenario
/// holds concurrency N exactly. Requests are pre-built; each worker walks the pool from its own offset.
/// </summary>
internal abstract class UnaryWorker
{
    public LatencyRecorder Recorder { get; } = new();

    public long Calls { get; private set; }

    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public async Task RunAsync(MeasurementWindow window, int offset, int stride, CancellationToken cancellationToken)
    {
        int index = offset;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            if (window.IsOver(start))
            {
                return;
            }
            string? wrong;
            try
            {
                wrong = await CallAsync(index, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                wrong = $"{e.StatusCode}: {e.Status.Detail}";
            }
            long end = Stopwatch.GetTimestamp();
            if (wrong is not null)
            {
                Errors++;
                FirstError ??= wrong;
            }
            else if (window.Contains(end))
            {
                Recorder.Record(start, end);
                Calls++;
            }
            index += stride;
            if (index >= Count)
            {
                index %= Count;
            }
        }
    }

    /// <summary>Pre-built requests available to this worker.</summary>
    protected abstract int Count { get; }

    /// <summary>Makes call number <paramref name="index"/>; returns null when the answer is right, else what is wrong.</summary>
    protected abstract Task<string?> CallAsync(int index, CancellationToken cancellationToken);
}
