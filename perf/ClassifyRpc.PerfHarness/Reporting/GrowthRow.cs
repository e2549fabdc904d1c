namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// One docket size of the growth sweep. Seconds to SERVING run from the process start; "cold" is with an empty
/// work-fingerprint folder (or a server that keeps none), "warm" a second start on the folder the first one filled
/// (null when the server keeps no fingerprints on disk). Rates are stream b=1000 x2 text-only listings/s, measured in
/// the order docket, bundled, bundled, docket against a server on the bundled registry that stays up for the sweep.
/// </summary>
internal sealed record GrowthRow
{
    public required int Orders { get; init; }

    public required string DocketOptions { get; init; }

    public bool DocketReused { get; set; }

    public double DocketSeconds { get; set; }

    public int? Marks { get; set; }

    public int? Patterns { get; set; }

    public int? Works { get; set; }

    public int? Defendants { get; set; }

    public double? ColdServingSeconds { get; set; }

    public long? RssWhenServingBytes { get; set; }

    public long? PeakRssUnderLoadBytes { get; set; }

    public long? RssAfterStreamsBytes { get; set; }

    public double? WarmServingSeconds { get; set; }

    public long? WarmRssWhenServingBytes { get; set; }

    public double? ListingsPerSecond { get; set; }

    public double? BundledListingsPerSecond { get; set; }

    public double? P99Ms { get; set; }

    public double? BundledP99Ms { get; set; }

    public double? RatioToBundled => ListingsPerSecond is double a && BundledListingsPerSecond is double b && a > 0 && b > 0 ? Math.Round(a / b, 3) : null;

    public long Errors { get; set; }

    public string? FirstError { get; set; }

    /// <summary>Why this size has no figures (its server did not start, a run aborted), or null.</summary>
    public string? Problem { get; set; }

    /// <summary>The server's log for this size's cold start.</summary>
    public string? Log { get; set; }
}
