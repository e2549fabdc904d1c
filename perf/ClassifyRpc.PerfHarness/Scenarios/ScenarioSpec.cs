using ClassifyRpc.PerfHarness.Workload;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// One scenario. <see cref="Parallelism"/> is the number of streams (stream scenarios) or of outstanding calls (unary).
/// <see cref="Window"/> bounds the batches in flight per stream: a scheduler pipelines, but not without limit, and
/// an unbounded pipeline would turn per-batch latency into queueing time.
/// </summary>
internal sealed record ScenarioSpec(string Name, ScenarioKind Kind, ImageMode Images, int BatchSize, int Parallelism, int Window)
{
    public static ScenarioSpec Stream(int batchSize, int streams, ImageMode images = ImageMode.None)
    {
        // Enough in flight to keep both ends busy (about 16k text listings per stream), at least 2 and at most 32
        // batches. Image bytes cost the server orders of magnitude more per listing: two batches keep it busy, and a
        // deeper queue would only turn latency into waiting (and make the drain after the window long).
        int window = images == ImageMode.Bytes ? 2 : Math.Clamp(16_384 / batchSize, 2, 32);
        string suffix = images switch { ImageMode.PdqHex => " pdq_hex", ImageMode.Bytes => " image bytes", _ => "" };
        return new ScenarioSpec($"stream b={batchSize} x{streams}{suffix}", ScenarioKind.Stream, images, batchSize, streams, window);
    }

    public static ScenarioSpec Unary(int concurrency, ImageMode images = ImageMode.None)
    {
        string suffix = images switch { ImageMode.PdqHex => " pdq_hex", ImageMode.Bytes => " image bytes", _ => "" };
        return new ScenarioSpec($"unary c={concurrency}{suffix}", ScenarioKind.Unary, images, 1, concurrency, 1);
    }

    public static ScenarioSpec Query(int concurrency) =>
        new($"query c={concurrency}", ScenarioKind.Query, ImageMode.None, 1, concurrency, 1);
}
