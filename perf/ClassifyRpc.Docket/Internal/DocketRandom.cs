namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// SplitMix64: a tiny generator of our own rather than <see cref="Random"/>, so that "same seed, same bytes" holds
/// across .NET versions (the docket is cached on disk by seed), and so that independent streams can be derived by
/// name and index: a work's image does not change when the number of listings does.
/// </summary>
internal sealed class DocketRandom
{
    private ulong _state;

    private DocketRandom(ulong state)
    {
        _state = state;
    }

    /// <summary>The stream <paramref name="stream"/>/<paramref name="index"/> of the docket seeded by <paramref name="seed"/>.</summary>
    public static DocketRandom For(int seed, string stream, long index = 0)
    {
        // FNV-1a over the name: string.GetHashCode is randomized per process.
        ulong name = 14695981039346656037UL;
        foreach (char c in stream)
        {
            name = (name ^ c) * 1099511628211UL;
        }
        return new DocketRandom(Mix((ulong)(uint)seed) ^ Mix(name) ^ Mix((ulong)index + 0x632BE59BD9B4E019UL));
    }

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>) for large ranges.</summary>
    public long NextInt64(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (long)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
