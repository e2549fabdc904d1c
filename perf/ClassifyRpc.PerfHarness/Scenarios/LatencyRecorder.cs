using System.Diagnostics;
using HdrHistogram;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// One worker's latencies in microseconds (1 µs to 60 s, three significant digits). One per worker, merged after the
/// run, so recording never contends.
/// </summary>
internal sealed class LatencyRecorder
{
    private const long HighestMicroseconds = 60_000_000;
    private static readonly double s_microsecondsPerTick = 1_000_000.0 / Stopwatch.Frequency;

    public LongHistogram Histogram { get; } = new(1, HighestMicroseconds, 3);

    public void Record(long startTicks, long endTicks)
    {
        long micros = (long)((endTicks - startTicks) * s_microsecondsPerTick);
        Histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
    }

    public static LatencySummary Summarize(IEnumerable<LatencyRecorder> recorders)
    {
        var merged = new LongHistogram(1, HighestMicroseconds, 3);
        foreach (LatencyRecorder recorder in recorders)
        {
            merged.Add(recorder.Histogram);
        }
        if (merged.TotalCount == 0)
        {
            return LatencySummary.Empty;
        }
        return new LatencySummary(
            Count: merged.TotalCount,
            MeanMs: merged.GetMean() / 1000.0,
            P50Ms: merged.GetValueAtPercentile(50) / 1000.0,
            P90Ms: merged.GetValueAtPercentile(90) / 1000.0,
            P99Ms: merged.GetValueAtPercentile(99) / 1000.0,
            P999Ms: merged.GetValueAtPercentile(99.9) / 1000.0,
            MaxMs: merged.GetMaxValue() / 1000.0);
    }
}
