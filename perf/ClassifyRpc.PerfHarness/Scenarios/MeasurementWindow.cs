using System.Diagnostics;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// The timeline of one scenario run, in Stopwatch ticks: warm-up from <see cref="Start"/>, then the measured window
/// [<see cref="MeasureFrom"/>, <see cref="MeasureUntil"/>). Only completions inside the window count. A run whose end
/// is not known in advance (the reload scenario: streams run until the reload is over) opens a long window and
/// closes it with <see cref="EndNow"/>; workers read the end on every call, so they stop at the next one.
/// </summary>
internal sealed class MeasurementWindow
{
    private long _measureUntil;

    public MeasurementWindow(TimeSpan warmup, TimeSpan duration)
    {
        Start = Stopwatch.GetTimestamp();
        MeasureFrom = Start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        _measureUntil = MeasureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    }

    public long Start { get; }

    public long MeasureFrom { get; }

    public long MeasureUntil => Volatile.Read(ref _measureUntil);

    public double Seconds => (double)(MeasureUntil - MeasureFrom) / Stopwatch.Frequency;

    public bool Contains(long timestamp) => timestamp >= MeasureFrom && timestamp < MeasureUntil;

    public bool IsOver(long timestamp) => timestamp >= MeasureUntil;

    /// <summary>Closes the window now (never before it opened): nothing sent or answered from here on counts.</summary>
    public void EndNow() => Volatile.Write(ref _measureUntil, Math.Max(MeasureFrom, Stopwatch.GetTimestamp()));
}
