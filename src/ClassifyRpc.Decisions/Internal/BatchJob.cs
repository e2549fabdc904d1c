using System.Buffers;
using ClassifyRpc.V1;
using Google.Protobuf.Collections;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// One batch judged by several threads: the listings are cut into chunks that the calling thread and the
/// helper work items claim one at a time, each decision is written at its listing's index, and the caller
/// adds them to the output in order once every chunk is done.
/// </summary>
/// <remarks>
/// Chunks are claimed, not assigned: a helper the thread pool starts late finds the work done and leaves,
/// so a busy pool never makes the batch wait for a thread, and a slow listing (an image) does not hold up
/// the rest of its partition. The caller runs chunks too and only then waits, so it never blocks while
/// work is left that it could do itself.
/// </remarks>
internal sealed class BatchJob : IThreadPoolWorkItem
{
    /// <summary>Large enough that claiming costs nothing next to judging a text listing (about a microsecond),
    /// small enough that a batch of a few hundred balances across the workers.</summary>
    public const int MaxChunkListings = 32;

    /// <summary>Chunks per worker at least, so the workers finish close together even when some listings
    /// (images) cost a thousand times more than others.</summary>
    private const int ChunksPerWorker = 4;

    private readonly ListingClassifier _classifier;
    private readonly RepeatedField<Listing> _listings;
    private readonly DecisionPlan? _plan;
    private readonly Channel _channel;
    private readonly string? _batchError;
    private readonly int _count;
    private readonly int _chunkListings;
    private readonly CancellationToken _cancellationToken;
    private readonly Decision[] _decisions;
    private readonly ManualResetEventSlim _done = new(false);
    private int _nextChunk;
    private int _pending;
    private Exception? _failure;

    public BatchJob(ListingClassifier classifier, RepeatedField<Listing> listings, DecisionPlan? plan, Channel channel,
        string? batchError, int chunkListings, CancellationToken cancellationToken)
    {
        _chunkListings = chunkListings;
        _classifier = classifier;
        _listings = listings;
        _plan = plan;
        _channel = channel;
        _batchError = batchError;
        _count = listings.Count;
        _cancellationToken = cancellationToken;
        _decisions = ArrayPool<Decision>.Shared.Rent(_count);
        _pending = _count;
    }

    /// <summary>The chunk size for <paramref name="workers"/> threads on a batch of <paramref name="listings"/>.</summary>
    public static int ChunkListings(int listings, int workers) => Math.Clamp(listings / (workers * ChunksPerWorker), 1, MaxChunkListings);

    /// <summary>A helper thread's share: counted as a busy worker while it runs.</summary>
    public void Execute()
    {
        _classifier.EnterWorker();
        try
        {
            RunChunks();
        }
        finally
        {
            _classifier.ExitWorker();
        }
    }

    /// <summary>Runs chunks on the calling thread, waits for the helpers' last chunks, and appends the
    /// decisions in listing order. Rethrows the first failure (a cancellation) once no thread is still
    /// writing into the shared array.</summary>
    public void RunAndCollect(RepeatedField<Decision> output)
    {
        try
        {
            RunChunks();
            _done.Wait();
            if (_failure is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            }
            for (int i = 0; i < _count; i++)
            {
                output.Add(_decisions[i]);
            }
        }
        finally
        {
            // Every chunk has been counted down, so no helper writes into the array any more; a helper that
            // starts after this finds no chunk left and never touches it.
            ArrayPool<Decision>.Shared.Return(_decisions, clearArray: true);
        }
    }

    private void RunChunks()
    {
        while (true)
        {
            int start = (Interlocked.Increment(ref _nextChunk) - 1) * _chunkListings;
            if (start >= _count)
            {
                return;
            }
            int end = Math.Min(start + _chunkListings, _count);
            if (Volatile.Read(ref _failure) is null)
            {
                try
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    for (int i = start; i < end; i++)
                    {
                        _decisions[i] = _classifier.JudgeItem(_plan, _batchError, _listings[i], i, _channel);
                    }
                }
                catch (Exception e)
                {
                    // Judging never throws for a bad listing (it becomes REVIEW with an error); what gets here
                    // is cancellation. Remember the first one; the remaining chunks are counted down unjudged.
                    Interlocked.CompareExchange(ref _failure, e, null);
                }
            }
            if (Interlocked.Add(ref _pending, start - end) == 0)
            {
                _done.Set();
            }
        }
    }
}
