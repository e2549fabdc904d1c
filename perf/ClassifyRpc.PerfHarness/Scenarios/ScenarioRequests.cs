using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.V1;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>The pre-built messages of one scenario, shared by both targets so they receive byte-identical requests.</summary>
internal sealed class ScenarioRequests
{
    private ScenarioRequests(ClassifyBatch[]? batches, ClassifyRequest[]? unary, QueryRequest[]? queries)
    {
        Batches = batches;
        Unary = unary;
        Queries = queries;
    }

    public ClassifyBatch[]? Batches { get; }

    public ClassifyRequest[]? Unary { get; }

    public QueryRequest[]? Queries { get; }

    /// <summary>Mean listings per batch (byte batches may stop short of the batch size at the message limit).</summary>
    public double MeanBatchListings
    {
        get
        {
            if (Batches is null)
            {
                return 1;
            }
            long total = 0;
            foreach (ClassifyBatch batch in Batches)
            {
                total += batch.Listings.Count;
            }
            return (double)total / Batches.Length;
        }
    }

    public static ScenarioRequests FromBatches(ClassifyBatch[] batches) => new(batches, null, null);

    public static ScenarioRequests Build(ScenarioSpec spec, WorkloadSet workload) => spec.Kind switch
    {
        ScenarioKind.Stream => new ScenarioRequests(workload.BuildBatches(spec.Images, spec.BatchSize), null, null),
        ScenarioKind.Unary => new ScenarioRequests(null, workload.BuildUnaryRequests(spec.Images), null),
        ScenarioKind.Query => new ScenarioRequests(null, null, workload.BuildQueryRequests()),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };
}
