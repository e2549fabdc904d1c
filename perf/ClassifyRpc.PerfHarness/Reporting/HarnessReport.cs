using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>What every report the harness writes carries (a run's, a growth sweep's): when and how it ran, on
/// what machine, with which settings, what went wrong; written to perf/results as snake_case JSON.</summary>
internal abstract class HarnessReport
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

    public List<string> Problems { get; } = [];

    /// <summary>Writes the whole report (the derived type's figures too) to
    /// <paramref name="directory"/>/<paramref name="prefix"/>-yyyyMMdd-HHmmss.json and returns the path.</summary>
    protected string WriteJson(string directory, string prefix)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{prefix}-{StartedUtc:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, GetType(), s_json));
        return path;
    }
}
