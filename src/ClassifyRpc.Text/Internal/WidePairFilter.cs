using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// The <see cref="PairFilter"/>'s skip at the root with AVX-512 (BW for narrowing and masked loads,
/// VBMI for 128-entry byte lookups): position i can matter only if a spelling may start there, read
/// from up to four code units. Start symbols are hashed into 7 buckets; per code unit, exact tables
/// (one lookup of all 7 ASCII bits, no nibble approximation) give the buckets it may start, follow as
/// the second symbol, the third, or (when the four code units are four symbols in a row) the fourth. 64 positions are judged at a time, and a text's last
/// positions through masked loads (which never touch memory past the text), so a ~28-character field
/// costs one step where the AVX2 form could not filter it at all.
/// </summary>
/// <remarks>
/// Never misses a candidate: every approximation passes a position. Non-ASCII code units (which may
/// be ignored, expand or pair) are narrowed to 0x7F, whose entries pass everything; a separator after
/// the first code unit defers the second symbol to the code unit after it (two defer it to the fourth),
/// a separator after the second defers the third; a third code unit repeating the second's symbol
/// collapses into it and passes the third test, and so does anything after an r, v or c (or non-ASCII)
/// second code unit, which may pair with it. The bucket bits of a position are first &amp; second &amp; third; bit 7 of
/// every second and third entry carries "always stop" from the first table (r, v, c whose pair starts
/// a spelling, non-ASCII).
/// </remarks>
internal sealed class WidePairFilter
{
    private const int Buckets = 7;
    private const byte Force = 0x80;

    // Flags of a code unit as the second, third or fourth of a position.
    private const byte SeparatorFlag = 1;
    private const byte PairFlag = 2;

    // Bits 2-6 of the flags: the code unit's symbol (alone), so repeats are seen; separators and
    // anything non-ASCII get codes no symbol has.
    private const int SymbolShift = 2;
    private const byte SymbolBits = 0x1F << SymbolShift;
    private const int NoSymbol = 31;
    private const int AnySymbol = 30;

    /// <summary>Non-ASCII code units narrow to this (an ASCII control character, itself a separator:
    /// treating it as "anything" only ever passes more positions).</summary>
    private const byte AnyCode = 0x7F;

    // Each table is 128 entries, split over two vectors for VPERMI2B.
    private readonly Vector512<byte> _firstLow, _firstHigh;
    private readonly Vector512<byte> _secondLow, _secondHigh;
    private readonly Vector512<byte> _thirdLow, _thirdHigh;
    private readonly Vector512<byte> _fourthLow, _fourthHigh;
    private readonly Vector512<byte> _flagsLow, _flagsHigh;

    private WidePairFilter(byte[] first, byte[] second, byte[] third, byte[] fourth, byte[] flags)
    {
        _fourthLow = Vector512.Create(fourth.AsSpan(0, 64));
        _fourthHigh = Vector512.Create(fourth.AsSpan(64, 64));
        _firstLow = Vector512.Create(first.AsSpan(0, 64));
        _firstHigh = Vector512.Create(first.AsSpan(64, 64));
        _secondLow = Vector512.Create(second.AsSpan(0, 64));
        _secondHigh = Vector512.Create(second.AsSpan(64, 64));
        _thirdLow = Vector512.Create(third.AsSpan(0, 64));
        _thirdHigh = Vector512.Create(third.AsSpan(64, 64));
        _flagsLow = Vector512.Create(flags.AsSpan(0, 64));
        _flagsHigh = Vector512.Create(flags.AsSpan(64, 64));
    }

    public static bool IsSupported => Avx512BW.IsSupported && Avx512Vbmi.IsSupported;

    /// <summary>The tables for a DFA with no one-symbol spelling (the caller has checked).</summary>
    public static WidePairFilter Create(Dfa dfa)
    {
        int[] t = dfa.Transitions;
        int threshold = dfa.AcceptThreshold;

        var bucketOf = new int[Symbols.Count];
        int starts = 0;
        for (int x = 0; x < Symbols.Count; x++)
        {
            bucketOf[x] = t[x] != 0 ? starts++ % Buckets : -1;
        }

        // Per bucket: the symbols that may follow as the second symbol and as the third. y follows x
        // when reading it from x's state lands elsewhere than reading it from the root; z follows
        // (x, y) likewise from the state of x then y. A bucket with a two-symbol spelling passes any third.
        // A third code unit repeating the second's symbol collapses into it (the real third symbol comes
        // later): Hits passes those positions itself, so the tables of single symbols leave z == y out
        // (that self-loop "follows" every x y and would make y's bucket pass z after any other y).
        var secondOf = new int[Symbols.Count];   // bit per bucket
        var thirdOf = new int[Symbols.Count];    // z != y
        var thirdOfAny = new int[Symbols.Count]; // any z, for the symbol of a pair (rn, vv, cl) whose letters differ from it
        var fourthOf = new int[Symbols.Count];   // w != z, after x y z with z != y
        var fourthOfAny = new int[Symbols.Count];
        int anyThird = 0;
        int anyFourth = 0;
        for (int x = 0; x < Symbols.Count; x++)
        {
            if (bucketOf[x] < 0)
            {
                continue;
            }
            int bit = 1 << bucketOf[x];
            int sx = t[x];
            for (int y = 0; y < Symbols.Count; y++)
            {
                int sxy = DfaBuilder.Next(t, sx, y);
                if (sxy == t[y])
                {
                    continue;
                }
                secondOf[y] |= bit;
                if (sxy >= threshold)
                {
                    anyThird |= bit;
                }
                for (int z = 0; z < Symbols.Count; z++)
                {
                    int sxyz = DfaBuilder.Next(t, sxy, z);
                    int syz = DfaBuilder.Next(t, t[y], z);
                    if (sxyz == syz)
                    {
                        continue;
                    }
                    thirdOfAny[z] |= bit;
                    if (z == y)
                    {
                        continue;
                    }
                    thirdOf[z] |= bit;
                    if (sxyz >= threshold)
                    {
                        anyFourth |= bit;
                    }
                    for (int w = 0; w < Symbols.Count; w++)
                    {
                        if (DfaBuilder.Next(t, sxyz, w) != DfaBuilder.Next(t, syz, w))
                        {
                            fourthOfAny[w] |= bit;
                            if (w != z)
                            {
                                fourthOf[w] |= bit;
                            }
                        }
                    }
                }
            }
        }

        var first = new byte[128];
        var second = new byte[128];
        var third = new byte[128];
        var fourth = new byte[128];
        var flags = new byte[128];
        anyFourth |= anyThird;
        for (int c = 0; c < 128; c++)
        {
            int cls = ScanClasses.Table[c];
            if (c == AnyCode || cls == ScanClasses.Slow)
            {
                first[c] = 0xFF;
                second[c] = 0xFF;
                third[c] = 0xFF;
                fourth[c] = 0xFF;
                flags[c] = PairFlag | (AnySymbol << SymbolShift);
                continue;
            }
            if (cls == ScanClasses.NoOp)
            {
                flags[c] = SeparatorFlag | (NoSymbol << SymbolShift);
                second[c] = Force;
                third[c] = (byte)(Force | anyThird);
                fourth[c] = (byte)(Force | anyFourth);
                continue;
            }
            (int alone, int pair) = cls switch
            {
                ScanClasses.PairR => (Symbols.FromRaw['r'], Symbols.FromRaw['m']),
                ScanClasses.PairV => (Symbols.FromRaw['v'], Symbols.FromRaw['w']),
                ScanClasses.PairC => (Symbols.FromRaw['c'], Symbols.FromRaw['d']),
                _ => (cls, -1),
            };
            if (bucketOf[alone] >= 0)
            {
                first[c] = (byte)(1 << bucketOf[alone]);
            }
            flags[c] = (byte)(alone << SymbolShift);
            if (pair >= 0)
            {
                flags[c] |= PairFlag;
                if (bucketOf[pair] >= 0)
                {
                    first[c] = 0xFF;   // the pair's symbol starts a spelling: its successor is two code units on
                }
            }
            second[c] = (byte)(Force | secondOf[alone] | (pair >= 0 ? secondOf[pair] : 0));
            third[c] = (byte)(Force | anyThird | thirdOf[alone] | (pair >= 0 ? thirdOfAny[pair] : 0));
            fourth[c] = (byte)(Force | anyFourth | fourthOf[alone] | (pair >= 0 ? fourthOfAny[pair] : 0));
        }
        return new WidePairFilter(first, second, third, fourth, flags);
    }

    /// <summary>
    /// The first position at or after <paramref name="start"/> the DFA at its root must read, or the
    /// text's length when there is none.
    /// </summary>
    /// <remarks>
    /// Each step narrows the next 64 code units once (the previous step's look-ahead block) and takes the
    /// second to fourth code units of its positions from the two blocks with one byte permute each.
    /// Lanes past the end load as spaces through masked loads (never touching memory past the text) and
    /// count as the end of the text, after which no spelling goes on.
    /// </remarks>
    public unsafe int Next(ReadOnlySpan<char> text, int start)
    {
        int length = text.Length;
        int i = start;
        fixed (char* chars = text)
        {
            ushort* p = (ushort*)chars;
            Vector512<byte> block = Load(p + i, length - i);
            while (i < length)
            {
                int left = length - i;
                Vector512<byte> ahead = left > 64 ? Load(p + i + 64, left - 64) : Vector512.Create((byte)' ');
                Vector512<byte> lane = Vector512<byte>.Indices;
                Vector512<byte> c2 = Avx512Vbmi.PermuteVar64x8x2(block, lane + Vector512.Create((byte)1), ahead);
                Vector512<byte> c3 = Avx512Vbmi.PermuteVar64x8x2(block, lane + Vector512.Create((byte)2), ahead);
                Vector512<byte> c4 = Avx512Vbmi.PermuteVar64x8x2(block, lane + Vector512.Create((byte)3), ahead);
                ulong hits = Hits(block, c2, c3, c4, Valid(left - 1), Valid(left - 2), Valid(left - 3));
                if (left < 64)
                {
                    hits &= (1UL << left) - 1;
                }
                if (hits != 0)
                {
                    return i + BitOperations.TrailingZeroCount(hits);
                }
                block = ahead;
                i += 64;
            }
        }
        return length;
    }

    /// <summary>One bit per position whose code units (c1 to c4) may start a spelling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Hits(Vector512<byte> c1, Vector512<byte> c2, Vector512<byte> c3, Vector512<byte> c4,
        Vector512<byte> valid2, Vector512<byte> valid3, Vector512<byte> valid4)
    {
        Vector512<byte> first = Lookup(_firstLow, _firstHigh, c1);
        Vector512<byte> flags2 = Lookup(_flagsLow, _flagsHigh, c2);
        Vector512<byte> flags3 = Lookup(_flagsLow, _flagsHigh, c3);
        Vector512<byte> flags4 = Lookup(_flagsLow, _flagsHigh, c4);
        Vector512<byte> separatorBit = Vector512.Create(SeparatorFlag);
        Vector512<byte> sep2 = Vector512.Equals(flags2 & separatorBit, separatorBit) & valid2;
        Vector512<byte> sep3 = Vector512.Equals(flags3 & separatorBit, separatorBit) & valid3;
        Vector512<byte> sep4 = Vector512.Equals(flags4 & separatorBit, separatorBit) & valid4;
        Vector512<byte> unpaired2 = Vector512.Equals(flags2 & Vector512.Create(PairFlag), Vector512<byte>.Zero);
        Vector512<byte> symbolBits = Vector512.Create(SymbolBits);
        Vector512<byte> repeat3 = Vector512.Equals((flags2 ^ flags3) & symbolBits, Vector512<byte>.Zero);
        Vector512<byte> repeat4 = Vector512.Equals((flags2 ^ flags4) & symbolBits, Vector512<byte>.Zero);

        // The third symbol: c3, or c4 after a separator; a repeat of the second symbol collapses into
        // it (the third comes later: pass), and c2 may pair with c3 (pass).
        Vector512<byte> third3 = Lookup(_thirdLow, _thirdHigh, c3) | repeat3;
        Vector512<byte> third4 = Lookup(_thirdLow, _thirdHigh, c4) | sep4 | repeat4;
        Vector512<byte> third = Vector512.ConditionalSelect(sep3, third4, third3) | ~unpaired2;
        // The fourth symbol, only where c1 to c4 are four symbols in a row (no separator, pair letter or
        // repeat among c2 to c4; a separator at c4 defers it: pass).
        Vector512<byte> unpaired3 = Vector512.Equals(flags3 & Vector512.Create(PairFlag), Vector512<byte>.Zero);
        Vector512<byte> repeat34 = Vector512.Equals((flags3 ^ flags4) & symbolBits, Vector512<byte>.Zero);
        Vector512<byte> fourth = Lookup(_fourthLow, _fourthHigh, c4) | sep4
            | sep3 | ~unpaired2 | ~unpaired3 | repeat3 | repeat34;
        // The second symbol: c2, then the third test; or after a separator c3, or c4 after two
        // (no third test there).
        Vector512<byte> second2 = Lookup(_secondLow, _secondHigh, c2);
        Vector512<byte> second3 = Lookup(_secondLow, _secondHigh, c3);
        Vector512<byte> second4 = Lookup(_secondLow, _secondHigh, c4) | sep4;
        Vector512<byte> afterSeparator = Vector512.ConditionalSelect(sep3, second4, second3);
        Vector512<byte> rest = Vector512.ConditionalSelect(sep2, afterSeparator, second2 & third & fourth);
        return ~Vector512.Equals(first & rest, Vector512<byte>.Zero).ExtractMostSignificantBits();
    }

    /// <summary>128-entry table lookup of each byte's low 7 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Lookup(Vector512<byte> low, Vector512<byte> high, Vector512<byte> bytes) =>
        Avx512Vbmi.PermuteVar64x8x2(low, bytes, high);

    /// <summary>
    /// 64 code units (or the first <paramref name="count"/>, the rest read as spaces without touching
    /// memory) to bytes: ASCII as it is, anything else <see cref="AnyCode"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<byte> Load(ushort* source, int count)
    {
        Vector512<ushort> low, high;
        if (count >= 64)
        {
            low = Vector512.Load(source);
            high = Vector512.Load(source + 32);
        }
        else
        {
            Vector512<ushort> lane = Vector512<ushort>.Indices;
            Vector512<ushort> space = Vector512.Create((ushort)' ');
            low = Avx512BW.MaskLoad(source, Vector512.LessThan(lane, Vector512.Create((ushort)Math.Clamp(count, 0, 32))), space);
            high = Avx512BW.MaskLoad(source + 32, Vector512.LessThan(lane, Vector512.Create((ushort)Math.Clamp(count - 32, 0, 32))), space);
        }
        Vector512<byte> bytes = Vector512.Create(
            Avx512BW.ConvertToVector256ByteWithSaturation(low),
            Avx512BW.ConvertToVector256ByteWithSaturation(high));
        return Vector512.Min(bytes, Vector512.Create(AnyCode));
    }

    /// <summary>0xFF in the lanes below <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Valid(int count) =>
        Vector512.LessThan(Vector512<byte>.Indices, Vector512.Create((byte)Math.Clamp(count, 0, 64)));
}
