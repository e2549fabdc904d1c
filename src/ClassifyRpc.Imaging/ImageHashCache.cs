using System.Collections.Concurrent;
using System.IO.Hashing;
using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Imaging;

/// <summary>
/// A bounded cache of PDQ results keyed by a content hash of the encoded bytes (XxHash128), so the
/// same image sent again (HashImages, listing images) skips decoding and hashing. Thread-safe.
/// </summary>
/// <remarks>
/// Two generations of at most <c>Capacity / 2</c> entries each: new results go to the young one; when it
/// fills up it becomes the old one and the previous old one is dropped, and a hit in the old generation
/// is copied forward. That keeps recently used images (approximately LRU) with no per-hit bookkeeping
/// beyond a dictionary lookup, and holds at most <see cref="Capacity"/> entries (plus, for an instant,
/// the few that threads racing a rotation add). Undecodable
/// images are remembered too (their error is thrown again), so a client resending the same bad bytes
/// does not make us decode them again.
/// </remarks>
public sealed class ImageHashCache
{
    private readonly int _generationSize;
    private readonly object _rotateLock = new();
    private Generation _young = new();
    private Generation _old = new();

    public ImageHashCache(PdqHasher hasher, int capacity)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Hasher = hasher;
        Capacity = capacity;
        _generationSize = Math.Max(1, capacity / 2);
    }

    public PdqHasher Hasher { get; }

    public int Capacity { get; }

    /// <summary>Entries currently held.</summary>
    public int Count => Volatile.Read(ref _young).Count + Volatile.Read(ref _old).Count;

    /// <summary>The cached result for these bytes, hashing them on a miss. Throws <see cref="ImageDecodeException"/>.</summary>
    public PdqResult GetOrHash(ReadOnlySpan<byte> encoded)
    {
        if (Capacity < 2)
        {
            return Hasher.Hash(encoded);
        }
        UInt128 key = XxHash128.HashToUInt128(encoded);
        Generation young = Volatile.Read(ref _young);
        if (!young.Entries.TryGetValue(key, out Entry entry))
        {
            if (Volatile.Read(ref _old).Entries.TryGetValue(key, out entry))
            {
                Add(key, entry);
            }
            else
            {
                entry = Compute(encoded);
                Add(key, entry);
            }
        }
        if (entry.ErrorMessage is not null)
        {
            ImageErrors.Throw(entry.ErrorKind, entry.ErrorMessage);
        }
        return entry.Result;
    }

    private Entry Compute(ReadOnlySpan<byte> encoded)
    {
        try
        {
            return new Entry(Hasher.Hash(encoded), default, null);
        }
        catch (ImageDecodeException ex)
        {
            return new Entry(default, ex.Kind, ex.Message);
        }
    }

    private void Add(UInt128 key, Entry entry)
    {
        Generation young = Volatile.Read(ref _young);
        if (young.Entries.TryAdd(key, entry) && Interlocked.Increment(ref young.AddedCount) >= _generationSize)
        {
            lock (_rotateLock)
            {
                if (ReferenceEquals(_young, young))
                {
                    Volatile.Write(ref _old, young);
                    Volatile.Write(ref _young, new Generation());
                }
            }
        }
    }

    private readonly record struct Entry(PdqResult Result, ImageErrorKind ErrorKind, string? ErrorMessage);

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<UInt128, Entry> Entries = new();
        public int AddedCount;

        // Counted on add rather than read from the dictionary, whose Count takes every lock.
        public int Count => Volatile.Read(ref AddedCount);
    }
}
