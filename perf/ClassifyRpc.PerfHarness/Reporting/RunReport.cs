using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>Everything a run measured, as written to perf/results/*.json.</summary>
internal sealed class RunReport
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required DateTimeOffset StartedUtc { get; init; }

    public DateTimeOffset FinishedUtc { get; set; }

    public required string Command { get; init; }

    public required MachineInfo Machine { get; init; }

    public string? LoadAverageAtEnd { get; set; }

    public required Dictionary<string, object?> Settings { get; init; }

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

    public List<string> Problems { get; } = [];

    public bool Ok => Problems.Count == 0;

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"perf-{StartedUtc:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, s_json));
        // A stable name for scripts and the self-check.
        File.Copy(path, Path.Combine(directory, "latest.json"), overwrite: true);
        return path;
    }
}
