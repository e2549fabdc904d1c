using System.Diagnostics;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// The timeline of one scenario run, in Stopwatch ticks: warm-up from <see cref="Start"/>, then the measured window
/// [<see cref="MeasureFrom"/>, <see cref="MeasureUntil"/>). Only completions inside the window count.
/// </summary>
internal readonly struct MeasurementWindow
{
    public MeasurementWindow(TimeSpan warmup, TimeSpan duration)
    {
        Start = Stopwatch.GetTimestamp();
        MeasureFrom = Start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        MeasureUntil = MeasureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    }

    public long Start { get; }

    public long MeasureFrom { get; }

    public long MeasureUntil { get; }

    public double Seconds => (double)(MeasureUntil - MeasureFrom) / Stopwatch.Frequency;

    public bool Contains(long timestamp) => timestamp >= MeasureFrom && timestamp < MeasureUntil;

    public bool IsOver(long timestamp) => timestamp >= MeasureUntil;
}
