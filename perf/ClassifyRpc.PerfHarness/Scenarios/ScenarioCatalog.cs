using ClassifyRpc.PerfHarness.Workload;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// The scenario sets: the default (issue 5's list, under two minutes for both targets) and the quick smoke run. Both
/// hold stream b=1000 x2, the marketplace-scale issue's scenario (two schedulers streaming batches of 1,000).
/// </summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<ScenarioSpec> Default() =>
    [
        ScenarioSpec.Stream(1, 1),
        ScenarioSpec.Stream(1, 4),
        ScenarioSpec.Stream(100, 1),
        ScenarioSpec.Stream(100, 4),
        ScenarioSpec.Stream(1_000, 1),
        ScenarioSpec.Stream(1_000, 2),
        ScenarioSpec.Stream(1_000, 4),
        ScenarioSpec.Stream(10_000, 1),
        ScenarioSpec.Stream(10_000, 4),
        ScenarioSpec.Unary(1),
        ScenarioSpec.Unary(16),
        ScenarioSpec.Unary(64),
        ScenarioSpec.Query(16),
        ScenarioSpec.Stream(1_000, 1, ImageMode.PdqHex),
        ScenarioSpec.Stream(WorkloadSet.BytesScenarioBatch, 1, ImageMode.Bytes),
    ];

    public static IReadOnlyList<ScenarioSpec> Quick() =>
    [
        ScenarioSpec.Stream(1_000, 1),
        ScenarioSpec.Stream(1_000, 2),
        ScenarioSpec.Unary(16),
        ScenarioSpec.Query(16),
        ScenarioSpec.Stream(WorkloadSet.BytesScenarioBatch, 1, ImageMode.Bytes),
    ];
}
