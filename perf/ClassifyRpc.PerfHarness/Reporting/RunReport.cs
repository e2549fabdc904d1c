namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>Everything a run measured, as written to perf/results/*.json.</summary>
internal sealed class RunReport : HarnessReport
{
    public Dictionary<string, object?> Server { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Echo { get; } = new(StringComparer.Ordinal);

    /// <summary>With --compare-bundled: the second server, on the bundled registry (empty otherwise).</summary>
    public Dictionary<string, object?> Bundled { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Workload { get; } = new(StringComparer.Ordinal);

    public List<ScenarioResult> Scenarios { get; } = [];

    public MemoryResult? Memory { get; set; }

    /// <summary>With --reload-test: one order added and reloaded while two streams run.</summary>
    public ReloadResult? Reload { get; set; }

    public List<TargetCheck> Targets { get; } = [];

    public bool Ok => Problems.Count == 0;

    public string Write(string directory)
    {
        string path = WriteJson(directory, "perf");
        // A stable name for scripts and the self-check.
        File.Copy(path, Path.Combine(directory, "latest.json"), overwrite: true);
        return path;
    }
}
