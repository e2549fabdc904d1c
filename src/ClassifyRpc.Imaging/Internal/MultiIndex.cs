using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Multi-index hashing (Norouzi, Punjani, Fleet) over 256-bit hashes: 16 tables, one per 16-bit chunk.
/// Two hashes within distance d differ by at most floor(d / 16) bits in at least one chunk (the 16 chunk
/// distances sum to d), so probing every chunk value within that radius of the query's chunk in every
/// table finds every hash within d; each candidate is then checked on all 256 bits.
/// </summary>
/// <remarks>
/// For d = 31 that is 17 buckets a table, for d = 45 137; with a million uniformly spread hashes a bucket
/// holds about 15, so a lookup checks about 4,000 (d = 31) or 33,000 (d = 45) candidates instead of a
/// million. Each table is a CSR array: <c>Offsets</c> (65,537 per table) into <c>Ids</c> (hash
/// indices grouped by chunk value). Radius above 2 (d of 48 and more) is not worth probing: the caller
/// scans instead.
/// </remarks>
internal sealed class MultiIndex
{
    public const int Tables = 16;
    private const int Buckets = 1 << 16;

    /// <summary>The largest distance this index answers (radius 2 in each chunk).</summary>
    public const int MaxDistance = 3 * Tables - 1;

    // Chunk masks by weight: [0] (weight 0), then the 16 of weight 1, then the 120 of weight 2.
    private static readonly ushort[] s_masks = BuildMasks();

    private readonly int[] _offsets; // Tables * (Buckets + 1)
    private readonly int[] _ids;     // Tables * count

    private MultiIndex(int[] offsets, int[] ids)
    {
        _offsets = offsets;
        _ids = ids;
    }

    /// <summary>Chunk <paramref name="table"/> (0-15) of the hash whose words start at <paramref name="words"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Chunk(ref ulong words, int table) => (ushort)(Unsafe.Add(ref words, table >> 2) >> ((table & 3) << 4));

    public static MultiIndex Build(ReadOnlySpan<ulong> words, int count)
    {
        var offsets = new int[Tables * (Buckets + 1)];
        var ids = new int[Tables * count];
        ref ulong w = ref MemoryMarshal.GetReference(words);
        for (int t = 0; t < Tables; t++)
        {
            Span<int> tableOffsets = offsets.AsSpan(t * (Buckets + 1), Buckets + 1);
            for (int i = 0; i < count; i++)
            {
                tableOffsets[Chunk(ref Unsafe.Add(ref w, i * 4), t) + 1]++;
            }
            for (int b = 0; b < Buckets; b++)
            {
                tableOffsets[b + 1] += tableOffsets[b];
            }
            // Fill with a cursor per bucket (reusing the offsets shifted by one, then shifting back).
            Span<int> tableIds = ids.AsSpan(t * count, count);
            for (int i = 0; i < count; i++)
            {
                int bucket = Chunk(ref Unsafe.Add(ref w, i * 4), t);
                tableIds[tableOffsets[bucket]++] = i;
            }
            for (int b = Buckets; b > 0; b--)
            {
                tableOffsets[b] = tableOffsets[b - 1];
            }
            tableOffsets[0] = 0;
        }
        return new MultiIndex(offsets, ids);
    }

    /// <summary>
    /// Calls <paramref name="collector"/> with (hash index, distance) for every stored hash within
    /// <paramref name="maxDistance"/> (at most <see cref="MaxDistance"/>) of the query; a hash may be
    /// reported more than once (found through several chunks).
    /// </summary>
    public void Search(in PdqHash query, int maxDistance, ReadOnlySpan<ulong> words, ReadOnlySpan<int> works, ref HitCollector collector)
    {
        int radius = maxDistance / Tables;
        int masks = radius switch { 0 => 1, 1 => 1 + 16, _ => 1 + 16 + 120 };
        int count = works.Length;
        ulong q0 = query.W0, q1 = query.W1, q2 = query.W2, q3 = query.W3;
        Span<ulong> q = [q0, q1, q2, q3];
        ref ulong w = ref MemoryMarshal.GetReference(words);
        ref int offsets = ref MemoryMarshal.GetArrayDataReference(_offsets);
        ref int ids = ref MemoryMarshal.GetArrayDataReference(_ids);
        ref ushort maskRef = ref MemoryMarshal.GetArrayDataReference(s_masks);
        for (int t = 0; t < Tables; t++)
        {
            int chunk = Chunk(ref MemoryMarshal.GetReference(q), t);
            ref int tableOffsets = ref Unsafe.Add(ref offsets, t * (Buckets + 1));
            ref int tableIds = ref Unsafe.Add(ref ids, t * count);
            for (int m = 0; m < masks; m++)
            {
                int bucket = chunk ^ Unsafe.Add(ref maskRef, m);
                int end = Unsafe.Add(ref tableOffsets, bucket + 1);
                for (int k = Unsafe.Add(ref tableOffsets, bucket); k < end; k++)
                {
                    int id = Unsafe.Add(ref tableIds, k);
                    ref ulong h = ref Unsafe.Add(ref w, id * 4);
                    int distance = BitOperations.PopCount(h ^ q0)
                        + BitOperations.PopCount(Unsafe.Add(ref h, 1) ^ q1)
                        + BitOperations.PopCount(Unsafe.Add(ref h, 2) ^ q2)
                        + BitOperations.PopCount(Unsafe.Add(ref h, 3) ^ q3);
                    if (distance <= maxDistance)
                    {
                        collector.Add(works[id], distance);
                    }
                }
            }
        }
    }

    private static ushort[] BuildMasks()
    {
        var masks = new List<ushort> { 0 };
        for (int i = 0; i < 16; i++)
        {
            masks.Add((ushort)(1 << i));
        }
        for (int i = 0; i < 16; i++)
        {
            for (int j = i + 1; j < 16; j++)
            {
                masks.Add((ushort)((1 << i) | (1 << j)));
            }
        }
        return [.. masks];
    }
}
