namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// The flat-memory run: the server's VmRSS sampled while it classifies without pause. Flat means no growth in the
/// second half of the run beyond 5% over the first half's peak (the first half absorbs JIT, pools and GC budgets),
/// and no sample above <see cref="PeakAllowance"/> times the larger of the start and the end (no climb on the way).
/// </summary>
internal sealed record MemoryResult(
    string Scenario,
    double Seconds,
    long StartRssBytes,
    long EndRssBytes,
    long MinRssBytes,
    long MaxRssBytes,
    IReadOnlyList<MemorySample> Samples,
    long Listings,
    double ListingsPerSecond,
    long Errors,
    bool Growing,
    bool Climbed)
{
    public bool Flat => !Growing && !Climbed;

    /// <summary>"flat", "GROWING" (the second half above the first half's peak) or "CLIMBED" (a peak above both ends).</summary>
    public string Verdict => Flat ? "flat" : Growing ? "GROWING" : "CLIMBED";

    /// <summary>How far above both ends the working set may peak and still count as flat.</summary>
    public const double PeakAllowance = 1.5;
}
