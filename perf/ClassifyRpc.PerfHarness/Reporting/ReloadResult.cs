using System.Globalization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>
/// The reload scenario: one order added to the docket's registry (a private copy) and applied with ReloadRegistry while
/// two streams of 1,000-listing batches run. "Before" is the window of <see cref="BeforeSeconds"/> just before the
/// files were written; "during" holds every batch in flight at any moment between the first file written and the
/// ReloadRegistry answer (sent before the answer, answered after the first write).
/// </summary>
internal sealed record ReloadResult
{
    public required string Scenario { get; init; }

    public required string AddedCase { get; init; }

    public required IReadOnlyList<string> AddedFiles { get; init; }

    public required string VersionBefore { get; init; }

    public required int CasesBefore { get; init; }

    public string? VersionAfter { get; init; }

    public int? CasesAfter { get; init; }

    /// <summary>From the first file written to the ReloadRegistry answer.</summary>
    public required double ReloadSeconds { get; init; }

    /// <summary>The ReloadRegistry call alone.</summary>
    public required double ReloadCallSeconds { get; init; }

    public string? ReloadError { get; init; }

    /// <summary>GetRegistryInfo after the reload names the version ReloadRegistry returned, with one case more.</summary>
    public required bool NewVersionCurrent { get; init; }

    /// <summary>A listing carrying the new order's first mark on its first defendant's storefront, asked before and after.</summary>
    public required string ProbeVerdictBefore { get; init; }

    public required string ProbeVerdictAfter { get; init; }

    /// <summary>Failed calls and wrong answers on the streams over the whole scenario (warm-up to the end).</summary>
    public required long StreamErrors { get; init; }

    public string? FirstStreamError { get; init; }

    public required double BeforeSeconds { get; init; }

    public required long BeforeBatches { get; init; }

    public required double BeforeListingsPerSecond { get; init; }

    public required double BeforeP50Ms { get; init; }

    public required double BeforeP99Ms { get; init; }

    public required long DuringBatches { get; init; }

    public required double DuringListingsPerSecond { get; init; }

    public required double DuringP50Ms { get; init; }

    public required double DuringP99Ms { get; init; }

    public required double DuringMaxMs { get; init; }

    public long? PeakRssBytes { get; init; }

    /// <summary>p99 during the reload over p99 just before it.</summary>
    public double? P99Ratio => BeforeP99Ms > 0 && DuringP99Ms > 0 ? Math.Round(DuringP99Ms / BeforeP99Ms, 3) : null;

    public bool Ok => ReloadError is null && NewVersionCurrent && StreamErrors == 0;

    public string Describe()
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        string call = ReloadError is null
            ? string.Create(invariant, $"ReloadRegistry {ReloadCallSeconds:0.00} s ({ReloadSeconds:0.00} s from the first file)")
            : "ReloadRegistry FAILED: " + ReloadError;
        string version = string.Create(invariant,
            $"new version {(NewVersionCurrent ? "current" : "NOT current")} ({CasesBefore:N0} -> {CasesAfter?.ToString("N0", invariant) ?? "?"} cases), probe {ProbeVerdictBefore} -> {ProbeVerdictAfter}");
        string latency = string.Create(invariant,
            $"{StreamErrors} stream errors; batch p99 {Format.Ms(BeforeP99Ms)} ms before ({BeforeBatches} batches, {Format.Rate(BeforeListingsPerSecond)} listings/s), " +
            $"{Format.Ms(DuringP99Ms)} ms during ({DuringBatches} batches, {Format.Rate(DuringListingsPerSecond)} listings/s, max {Format.Ms(DuringMaxMs)} ms) = {Format.Ratio(P99Ratio)}");
        string rss = PeakRssBytes is null ? "" : $"; server VmRSS peak {Format.Gb(PeakRssBytes)}";
        return $"reload ({Scenario}, {AddedCase} added, {AddedFiles.Count} files): {call}, {version}, {latency}{rss}";
    }
}
