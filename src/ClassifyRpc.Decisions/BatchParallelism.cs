namespace ClassifyRpc.Decisions;

/// <summary>
/// How far one batch may spread over idle cores. A scheduler with one stream sends its batches one after
/// another, so judging each batch on one thread leaves the other cores idle; a batch at least
/// <see cref="MinBatchListings"/> long is then judged by up to <see cref="MaxWorkers"/> threads at once,
/// counting every thread already judging a batch, so several busy streams never oversubscribe the
/// machine: with as many streams as cores, each batch stays on its own thread.
/// </summary>
public sealed record BatchParallelism
{
    /// <summary>One worker per core.</summary>
    public static BatchParallelism Default { get; } = new();

    /// <summary>Every batch on the calling thread alone.</summary>
    public static BatchParallelism None { get; } = new() { MaxWorkers = 1 };

    /// <summary>Threads judging batches at once, the calling threads included (1: never split).</summary>
    public int MaxWorkers { get; init; } = Environment.ProcessorCount;

    /// <summary>Smaller batches stay on the calling thread: handing work to another thread costs a few
    /// microseconds, about as much as judging a few dozen text listings.</summary>
    public int MinBatchListings { get; init; } = 64;
}
