using ClassifyRpc.PerfHarness.Scenarios;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>
/// Which parts of the workload a run uses. Setup (hashing images on the service, recording its answers) costs seconds
/// per part on a busy machine, so a --quick or --filter run prepares only what its scenarios send.
/// </summary>
internal sealed record WorkloadNeeds(bool PdqHex, bool Bytes, bool Queries)
{
    public static WorkloadNeeds For(IEnumerable<ScenarioSpec> scenarios, bool memoryRun)
    {
        bool pdq = memoryRun, bytes = false, queries = false;
        foreach (ScenarioSpec spec in scenarios)
        {
            pdq |= spec.Images == ImageMode.PdqHex;
            bytes |= spec.Images == ImageMode.Bytes;
            queries |= spec.Kind == ScenarioKind.Query;
        }
        return new WorkloadNeeds(pdq, bytes, queries);
    }
}
