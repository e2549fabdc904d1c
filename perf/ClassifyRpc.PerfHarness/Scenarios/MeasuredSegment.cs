namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>One measured window of one target in one scenario, before it is combined with the target's other windows.</summary>
internal sealed class MeasuredSegment
{
    public required double Seconds { get; init; }

    public required long Operations { get; init; }

    public required long Listings { get; init; }

    public required long Errors { get; init; }

    public required string? FirstError { get; init; }

    public required LatencyRecorder[] Recorders { get; init; }

    /// <summary>Each stream's answered batches in order, when the run kept them (see <see cref="BatchTiming"/>).</summary>
    public IReadOnlyList<BatchTiming>[]? Timelines { get; init; }

    /// <summary>Sums counts and time, merges histograms: the target's figure over all its windows.</summary>
    public static TargetMeasurement Combine(string target, IReadOnlyList<MeasuredSegment> segments)
    {
        double seconds = 0;
        long operations = 0, listings = 0, errors = 0;
        string? firstError = null;
        var recorders = new List<LatencyRecorder>();
        foreach (MeasuredSegment segment in segments)
        {
            seconds += segment.Seconds;
            operations += segment.Operations;
            listings += segment.Listings;
            errors += segment.Errors;
            firstError ??= segment.FirstError;
            recorders.AddRange(segment.Recorders);
        }
        return new TargetMeasurement(target, Math.Round(seconds, 3), operations, listings,
            seconds > 0 ? operations / seconds : 0, seconds > 0 ? listings / seconds : 0,
            LatencyRecorder.Summarize(recorders), errors, firstError);
    }
}
