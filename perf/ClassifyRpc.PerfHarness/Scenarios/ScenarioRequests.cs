using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.V1;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>The pre-built, pre-serialized messages of one scenario, shared by both targets so they receive byte-identical requests.</summary>
internal sealed class ScenarioRequests
{
    private ScenarioRequests(Serialized<ClassifyBatch>[]? batches, Serialized<ClassifyRequest>[]? unary, Serialized<QueryRequest>[]? queries)
    {
        Batches = batches;
        Unary = unary;
        Queries = queries;
    }

    public Serialized<ClassifyBatch>[]? Batches { get; }

    public Serialized<ClassifyRequest>[]? Unary { get; }

    public Serialized<QueryRequest>[]? Queries { get; }

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
            foreach (Serialized<ClassifyBatch> batch in Batches)
            {
                total += batch.Message.Listings.Count;
            }
            return (double)total / Batches.Length;
        }
    }

    /// <summary>Mean serialized request size in bytes (batch or call).</summary>
    public double MeanRequestBytes
    {
        get
        {
            long total = 0;
            int count = 0;
            foreach (byte[] bytes in (Batches?.Select(static b => b.Bytes) ?? Unary?.Select(static u => u.Bytes) ?? Queries!.Select(static q => q.Bytes)))
            {
                total += bytes.Length;
                count++;
            }
            return count == 0 ? 0 : (double)total / count;
        }
    }

    public static ScenarioRequests FromBatches(ClassifyBatch[] batches) => new(Serialize(batches), null, null);

    public static ScenarioRequests Build(ScenarioSpec spec, WorkloadSet workload) => spec.Kind switch
    {
        ScenarioKind.Stream => new ScenarioRequests(Serialize(workload.BuildBatches(spec.Images, spec.BatchSize)), null, null),
        ScenarioKind.Unary => new ScenarioRequests(null, Serialize(workload.BuildUnaryRequests(spec.Images)), null),
        ScenarioKind.Query => new ScenarioRequests(null, null, Serialize(workload.BuildQueryRequests())),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    private static Serialized<T>[] Serialize<T>(T[] messages)
        where T : Google.Protobuf.IMessage<T>
    {
        var serialized = new Serialized<T>[messages.Length];
        for (int i = 0; i < messages.Length; i++)
        {
            serialized[i] = new Serialized<T>(messages[i]);
        }
        return serialized;
    }
}
