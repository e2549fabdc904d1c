using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// A vectorized skip for the DFA at its root, over pairs of code units (in the manner of Hyperscan's
/// Teddy): position i can matter only if its code unit can leave the root and the next one can carry on
/// from there. Starting symbols are hashed into 8 buckets; per bucket, the code units that may follow.
/// Both sets are looked up 32 code units at a time through 16-entry nibble tables (one shuffle each),
/// which over-approximates (never under-): a position the filter passes over is one the DFA would
/// leave the root at and come straight back from, or not leave at all.
/// Anything that is not ASCII stops the skip; the scalar loop reads it.
/// </summary>
internal sealed class PairFilter
{
    private const int Buckets = 8;

    private readonly Vector256<byte> _firstLow;
    private readonly Vector256<byte> _firstHigh;
    private readonly Vector256<byte> _secondLow;
    private readonly Vector256<byte> _secondHigh;

    private PairFilter(byte[] firstLow, byte[] firstHigh, byte[] secondLow, byte[] secondHigh)
    {
        _firstLow = Duplicate(firstLow);
        _firstHigh = Duplicate(firstHigh);
        _secondLow = Duplicate(secondLow);
        _secondHigh = Duplicate(secondHigh);
    }

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// The filter for a DFA, or null when it would not pay: not supported here, a one-symbol spelling,
    /// or more than <paramref name="maxStartLetters"/> letters can leave the root.
    /// </summary>
    public static PairFilter? TryCreate(Dfa dfa, int maxStartLetters)
    {
        if (!IsSupported)
        {
            return null;
        }
        int[] t = dfa.Transitions;

        // Start symbols and their buckets.
        var bucketOf = new int[Symbols.Count];
        int starts = 0;
        for (int x = 0; x < Symbols.Count; x++)
        {
            bucketOf[x] = -1;
            int state = t[x];
            if (state != 0)
            {
                if (state >= dfa.AcceptThreshold)
                {
                    return null;   // a one-symbol spelling: every occurrence is a match
                }
                bucketOf[x] = starts++ % Buckets;
            }
        }

        // Exact per-ASCII masks.
        var first = new byte[128];
        var second = new byte[128];
        int startLetters = 0;
        for (int c = 0; c < 128; c++)
        {
            int cls = ScanClasses.Table[c];
            if (cls < Symbols.Count)
            {
                if (bucketOf[cls] >= 0)
                {
                    first[c] = (byte)(1 << bucketOf[cls]);
                    if (c is >= 'a' and <= 'z')
                    {
                        startLetters++;
                    }
                }
                // c may follow start symbol x unless reading it from x's state lands where reading it
                // from the root would (then position i+1 is judged on its own).
                for (int x = 0; x < Symbols.Count; x++)
                {
                    if (bucketOf[x] >= 0 && t[t[x] + cls] != t[cls])
                    {
                        second[c] |= (byte)(1 << bucketOf[x]);
                    }
                }
            }
            else if (cls == ScanClasses.NoOp)
            {
                // Separators and ignored characters: the next symbol is further on; keep every bucket.
                second[c] = 0xFF;
            }
            else
            {
                // r, v, c (alone or as the first of rn, vv, cl): may start through either symbol, and
                // may follow anything.
                (byte alone, byte pair) = cls switch
                {
                    ScanClasses.PairR => (Symbols.FromRaw['r'], Symbols.FromRaw['m']),
                    ScanClasses.PairV => (Symbols.FromRaw['v'], Symbols.FromRaw['w']),
                    _ => (Symbols.FromRaw['c'], Symbols.FromRaw['d']),
                };
                if (bucketOf[alone] >= 0)
                {
                    first[c] |= (byte)(1 << bucketOf[alone]);
                }
                if (bucketOf[pair] >= 0)
                {
                    first[c] |= (byte)(1 << bucketOf[pair]);
                }
                if (first[c] != 0 && c is >= 'a' and <= 'z')
                {
                    startLetters++;
                }
                second[c] = 0xFF;
            }
        }
        if (startLetters > maxStartLetters)
        {
            return null;
        }

        // Nibble tables: each a superset of the exact masks of the code units sharing the nibble.
        var firstLow = new byte[16];
        var firstHigh = new byte[16];
        var secondLow = new byte[16];
        var secondHigh = new byte[16];
        for (int c = 0; c < 128; c++)
        {
            firstLow[c & 15] |= first[c];
            firstHigh[c >> 4] |= first[c];
            secondLow[c & 15] |= second[c];
            secondHigh[c >> 4] |= second[c];
        }
        return new PairFilter(firstLow, firstHigh, secondLow, secondHigh);
    }

    /// <summary>
    /// The first position at or after <paramref name="start"/> the DFA at its root must read; the
    /// last 32 code units are not filtered (returned as they come).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(ReadOnlySpan<char> text, int start)
    {
        int i = start;
        int last = text.Length - 33;
        if (i > last)
        {
            return i;
        }
        ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        Vector256<byte> firstLow = _firstLow, firstHigh = _firstHigh, secondLow = _secondLow, secondHigh = _secondHigh;
        while (i <= last)
        {
            Vector256<byte> here = Narrow(ref Unsafe.Add(ref chars, i));
            Vector256<byte> next = Narrow(ref Unsafe.Add(ref chars, i + 1));

            Vector256<byte> firstBits =
                Avx2.Shuffle(firstLow, here & nibble) & Avx2.Shuffle(firstHigh, Avx2.ShiftRightLogical(here.AsUInt16(), 4).AsByte() & nibble);
            Vector256<byte> nextNonAscii = Avx2.CompareGreaterThan(Vector256<sbyte>.Zero, next.AsSByte()).AsByte();
            Vector256<byte> secondBits =
                (Avx2.Shuffle(secondLow, next & nibble) & Avx2.Shuffle(secondHigh, Avx2.ShiftRightLogical(next.AsUInt16(), 4).AsByte() & nibble))
                | nextNonAscii;
            Vector256<byte> hereNonAscii = Avx2.CompareGreaterThan(Vector256<sbyte>.Zero, here.AsSByte()).AsByte();
            Vector256<byte> hit = ~Avx2.CompareEqual(firstBits & secondBits, Vector256<byte>.Zero) | hereNonAscii;

            // PackUnsignedSaturate interleaves 128-bit lanes; put the 8-byte groups back in order.
            uint mask = (uint)Avx2.MoveMask(Avx2.Permute4x64(hit.AsUInt64(), 0b11_01_10_00).AsByte());
            if (mask != 0)
            {
                return i + BitOperations.TrailingZeroCount(mask);
            }
            i += 32;
        }
        return i;
    }

    /// <summary>32 code units to bytes; anything above 0xFF saturates to 0xFF, so non-ASCII stays non-ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Narrow(ref ushort source)
    {
        Vector256<short> lo = Vector256.LoadUnsafe(ref source).AsInt16();
        Vector256<short> hi = Vector256.LoadUnsafe(ref source, 16).AsInt16();
        // Values above 0x7FFF read as negative and saturate to 0: count them as non-ASCII separately.
        Vector256<byte> packed = Avx2.PackUnsignedSaturate(lo, hi);
        Vector256<byte> negative = Avx2.PackSignedSaturate(lo, hi).AsByte();
        return packed | (negative & Vector256.Create((byte)0x80));
    }

    private static Vector256<byte> Duplicate(byte[] table16) =>
        Vector256.Create(Vector128.Create(table16), Vector128.Create(table16));
}
