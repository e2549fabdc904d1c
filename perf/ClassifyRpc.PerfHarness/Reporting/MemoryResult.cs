namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// The flat-memory run: the server's VmRSS sampled while it classifies without pause. Flat means no growth in the
/// second half of the run beyond 5% over the first half's peak (the first half absorbs JIT, pools and GC budgets).
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
    bool Flat);
