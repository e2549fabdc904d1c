using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// A prefilter that does not depend on the DFA's state: it flags the code units where one of a few
/// short pieces (<see cref="AnchorPieces"/>) may occur, every compiled spelling holding one of them.
/// Where nothing is flagged, no match can lie; the scan runs the DFA only in windows around flagged
/// code units. Made for mark sets whose one-edit spellings let every letter leave the DFA's root,
/// where no root skip can fire.
/// </summary>
/// <remarks>
/// The text is read as its "kept" code units: ASCII separators removed (so "Squish Mallow" and
/// "S.q.u.i.s.h" read as letters side by side), and of each run of one collapse class (the symbol,
/// for code units that are one on their own: "Pillow" reads p, i, l, o, w) only the first kept
/// (<see cref="AnchorPieces.CollapseClass"/>). A kept code unit u(0) is flagged when, with u(1),
/// u(2), u(3) the three kept before it, every u(j) is in the j-th set of one same bucket (a bit of
/// <c>_t{j}</c>), or when any of them is not ASCII (it may be a letter, an ignored character
/// between two, anything). Before the text's start reads as a separator (in no set of a position
/// inside a piece). See <see cref="AnchorPieces"/> for why every occurrence of a piece is flagged.
/// With AVX-512 (BW, VBMI, VBMI2), 64 code units at a time: narrowed to bytes with unsigned
/// saturation (non-ASCII stays at or above 0x80), the separators squeezed out (VPCOMPRESSB), then
/// the repeats (the same), the three previous kept code units brought in by two-register byte
/// permutes (the last three of the previous block carried over), each set looked up exactly by a
/// two-register byte permute (128 entries: all of ASCII), and only when something is flagged, the
/// flags put back at their code units' offsets (VPEXPANDB twice). Elsewhere, a scalar loop over the
/// same rule, one position at a time.
/// </remarks>
internal sealed class AnchorFilter
{
    private const int Block = 64;

    private readonly byte[] _t0;
    private readonly byte[] _t1;
    private readonly byte[] _t2;
    private readonly byte[] _t3;
    private readonly bool _vectorized;
    private readonly Vector512<byte> _t0Low, _t0High, _t1Low, _t1High, _t2Low, _t2High, _t3Low, _t3High;
    private readonly Vector512<byte> _separatorLow, _separatorHigh, _classLow, _classHigh;

    // Per combination of bucket bits: the largest lead among them.
    private readonly byte[] _leadOfBuckets;

    /// <summary>0xFF for each ASCII separator.</summary>
    private static readonly byte[] s_separator = BuildSeparatorTable();

    /// <summary><see cref="AnchorPieces.CollapseClass"/> of each ASCII code unit.</summary>
    private static readonly byte[] s_class = BuildClassTable();

    private AnchorFilter(AnchorPlan plan, bool vectorized)
    {
        byte[][] tables = plan.Tables;
        _t0 = tables[0];
        _t1 = tables[1];
        _t2 = tables[2];
        _t3 = tables[3];
        _vectorized = vectorized;
        EstimatedRate = plan.Rate;
        PieceCount = plan.Pieces;
        _leadOfBuckets = new byte[256];
        for (int bits = 0; bits < 256; bits++)
        {
            int lead = 0;
            for (int b = 0; b < AnchorPieces.Buckets; b++)
            {
                if ((bits >> b & 1) != 0)
                {
                    lead = Math.Max(lead, plan.Leads[b]);
                }
            }
            _leadOfBuckets[bits] = (byte)lead;
        }
        if (vectorized)
        {
            (_t0Low, _t0High) = Split(_t0);
            (_t1Low, _t1High) = Split(_t1);
            (_t2Low, _t2High) = Split(_t2);
            (_t3Low, _t3High) = Split(_t3);
            (_separatorLow, _separatorHigh) = Split(s_separator);
            (_classLow, _classHigh) = Split(s_class);
        }
    }

    /// <summary>Whether the 64-wide path runs on this machine.</summary>
    public static bool IsVectorized =>
        Vector512.IsHardwareAccelerated && Avx512BW.IsSupported && Avx512Vbmi.IsSupported && Avx512Vbmi2.IsSupported;

    /// <summary>Estimated share of English code units flagged (see <see cref="AnchorPieces"/>).</summary>
    public double EstimatedRate { get; }

    /// <summary>Number of pieces chosen.</summary>
    public int PieceCount { get; }

    /// <summary>Whether this filter uses the 64-wide path.</summary>
    public bool Vectorized => _vectorized;

    /// <summary>
    /// The filter for a set of collapsed spellings, or null when no small cover exists or it would
    /// flag more than <paramref name="maxRate"/> of English text. <paramref name="vectorized"/> false
    /// forces the scalar path (tests).
    /// </summary>
    public static AnchorFilter? TryCreate(IReadOnlyList<string> spellings, double maxRate, bool vectorized)
    {
        if (!AnchorPieces.AsciiIsSimple)
        {
            return null;
        }
        AnchorPlan? plan = AnchorPieces.Choose(spellings);
        if (plan is null || plan.Rate > maxRate || plan.Leads.Max() > byte.MaxValue)
        {
            return null;
        }
        return new AnchorFilter(plan, vectorized && IsVectorized);
    }

    /// <summary>The first flagged position at or after <paramref name="start"/>, or the text's length
    /// (one-off; a scan keeps an <see cref="AnchorBlocks"/> across its regions).</summary>
    public int Next(ReadOnlySpan<char> text, int start) => new AnchorCursor(this, text, start).Next(start);

    /// <summary>
    /// The flags of the 64 code units from <paramref name="start"/> (bit k: start + k; none past the
    /// text's end) and each one's bucket bits (<paramref name="buckets"/>, byte k). <paramref name="carry"/>
    /// holds the three kept code units before the block (<see cref="Carry"/>), and those before the next
    /// block on return.
    /// </summary>
    [SkipLocalsInit]
    internal ulong Filter(ReadOnlySpan<char> text, int start, ref Vector512<byte> carry, out Vector512<byte> buckets)
    {
        if (!_vectorized)
        {
            return BlockScalar(text, start, out buckets);
        }
        Vector512<byte> bytes = start <= text.Length - Block
            ? Narrow(ref Unsafe.As<char, ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(text), start)))
            : NarrowPartial(text, start);
        Vector512<byte> kept = KeptBuckets(bytes, ref carry, out Vector512<byte> letters, out Vector512<byte> first);
        if (Vector512.EqualsAll(kept, Vector512<byte>.Zero))
        {
            // Nothing flagged (most blocks): no need to map back to offsets.
            buckets = Vector512<byte>.Zero;
            return 0;
        }
        // Back to the code units' own offsets: undo the two squeezes.
        buckets = Avx512Vbmi2.Expand(Vector512<byte>.Zero, letters, Avx512Vbmi2.Expand(Vector512<byte>.Zero, first, kept));
        return ~Vector512.Equals(buckets, Vector512<byte>.Zero).ExtractMostSignificantBits();
    }

    /// <summary>
    /// The last, partial block: a masked load (which never faults past the text's end) reading spaces
    /// there, separators the filter squeezes out.
    /// </summary>
    private static unsafe Vector512<byte> NarrowPartial(ReadOnlySpan<char> text, int start)
    {
        var count = Vector512.Create((ushort)(text.Length - start));
        Vector512<ushort> space = Vector512.Create((ushort)' ');
        fixed (char* chars = text)
        {
            ushort* at = (ushort*)chars + start;
            Vector512<ushort> low = Avx512BW.MaskLoad(at, Vector512.LessThan(s_indexes16, count), space);
            Vector512<ushort> high = Avx512BW.MaskLoad(at + 32, Vector512.LessThan(s_indexes16 + Vector512.Create((ushort)32), count), space);
            return Vector512.Create(
                Avx512BW.ConvertToVector256ByteWithSaturation(low),
                Avx512BW.ConvertToVector256ByteWithSaturation(high));
        }
    }

    private static readonly Vector512<ushort> s_indexes16 = Vector512.Create(
        (ushort)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);

    /// <summary><see cref="Filter"/> on the scalar path: <see cref="Buckets"/> at each position.</summary>
    [SkipLocalsInit]
    private ulong BlockScalar(ReadOnlySpan<char> text, int start, out Vector512<byte> buckets)
    {
        Span<byte> bits = stackalloc byte[Block];
        bits.Clear();
        ulong flags = 0;
        for (int k = 0; k < Block && start + k < text.Length; k++)
        {
            bits[k] = (byte)Buckets(text, start + k);
            if (bits[k] != 0)
            {
                flags |= 1UL << k;
            }
        }
        buckets = Vector512.Create((ReadOnlySpan<byte>)bits);
        return flags;
    }

    /// <summary>
    /// The bucket bits of each kept code unit of one block (0 where not flagged), by index among the
    /// kept; <paramref name="letters"/> and <paramref name="first"/> are the two squeezes' masks.
    /// <paramref name="carry"/> holds the three kept code units before the block in its bytes 61-63,
    /// and those before the next block on return.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<byte> KeptBuckets(Vector512<byte> bytes, ref Vector512<byte> carry, out Vector512<byte> letters, out Vector512<byte> first)
    {
        // Separators out.
        Vector512<byte> nonAscii = NonAscii(bytes);
        letters = ~(Avx512Vbmi.PermuteVar64x8x2(_separatorLow, bytes, _separatorHigh) & ~nonAscii);
        Vector512<byte> units = Avx512Vbmi2.Compress(Vector512<byte>.Zero, letters, bytes);
        ulong valid = Valid(BitOperations.PopCount(letters.ExtractMostSignificantBits()));

        // Repeats out: a code unit whose collapse class equals the one before it (non-ASCII: none).
        Vector512<byte> classes = Avx512Vbmi.PermuteVar64x8x2(_classLow, units, _classHigh) | NonAscii(units);
        Vector512<byte> before = Avx512Vbmi.PermuteVar64x8x2(ClassOf(carry), s_back1, classes);
        Vector512<byte> repeat = Vector512.Equals(classes, before) & ~Vector512.GreaterThanOrEqual(classes, Vector512.Create(AnchorPieces.NoCollapse));
        first = ~repeat;
        int kept = BitOperations.PopCount(first.ExtractMostSignificantBits() & valid);
        units = Avx512Vbmi2.Compress(Vector512<byte>.Zero, first, units);

        // Index 64 + q - j of (carry, units): kept unit q - j of this block, or of the carry when negative.
        Vector512<byte> back1 = Avx512Vbmi.PermuteVar64x8x2(carry, s_back1, units);
        Vector512<byte> back2 = Avx512Vbmi.PermuteVar64x8x2(carry, s_back2, units);
        Vector512<byte> back3 = Avx512Vbmi.PermuteVar64x8x2(carry, s_back3, units);
        Vector512<byte> bits =
            (Lookup(units, _t0Low, _t0High) & Lookup(back1, _t1Low, _t1High)
            & Lookup(back2, _t2Low, _t2High) & Lookup(back3, _t3Low, _t3High))
            | NonAscii(units | back1 | back2 | back3);
        bits &= Vector512.LessThan(s_indexes, Vector512.Create((byte)kept));

        // The last three kept code units (with the carry's when fewer were kept) move to 61-63.
        carry = Avx512Vbmi.PermuteVar64x8x2(carry, s_indexes + Vector512.Create((byte)kept), units);
        return bits;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Valid(int count) => count == Block ? ulong.MaxValue : (1UL << count) - 1;

    /// <summary>How many symbol runs a match through an anchor with these bucket bits may begin before it.</summary>
    public int LeadOf(int buckets) => _leadOfBuckets[buckets];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> NonAscii(Vector512<byte> bytes) => Vector512.LessThan(bytes.AsSByte(), Vector512<sbyte>.Zero).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<byte> ClassOf(Vector512<byte> bytes) => Avx512Vbmi.PermuteVar64x8x2(_classLow, bytes, _classHigh) | NonAscii(bytes);

    private static readonly Vector512<byte> s_indexes = Vector512.Create(
        (byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
        32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63);

    private static readonly Vector512<byte> s_back1 = s_indexes + Vector512.Create((byte)63);
    private static readonly Vector512<byte> s_back2 = s_indexes + Vector512.Create((byte)62);
    private static readonly Vector512<byte> s_back3 = s_indexes + Vector512.Create((byte)61);

    /// <summary>The three kept code units before <paramref name="start"/>, as bytes 61-63 (a space,
    /// in no set, for each missing before the text's start).</summary>
    internal static Vector512<byte> Carry(ReadOnlySpan<char> text, int start)
    {
        // Bytes 61-63 are the top three of the last 64-bit lane: broadcast one ulong.
        const ulong spaces = 0x2020202020202020;
        if (start == 0)
        {
            return Vector512.Create(spaces).AsByte();
        }
        Span<char> kept = stackalloc char[3];
        int found = KeptBefore(text, start, kept);
        ulong lane = spaces;
        for (int k = 0; k < found; k++)
        {
            int shift = 56 - 8 * k;
            lane = (lane & ~(0xFFUL << shift)) | ((ulong)Math.Min((int)kept[k], 0xFF) << shift);
        }
        return Vector512.Create(lane).AsByte();
    }

    /// <summary>
    /// The kept code units before <paramref name="end"/>, nearest first, as many as
    /// <paramref name="into"/> holds or the text has: walking back, separators skipped, each run of one
    /// collapse class read as its earliest code unit (the one the filter keeps; the others of its class
    /// have the same table entries). Returns how many were found.
    /// </summary>
    private static int KeptBefore(ReadOnlySpan<char> text, int end, Span<char> into)
    {
        int found = 0;
        int pending = -1;   // the earliest code unit so far of the run being walked
        for (int i = end - 1; i >= 0; i--)
        {
            char c = text[i];
            if (c < 0x80 && s_separator[c] != 0)
            {
                continue;
            }
            if (pending >= 0 && SameRun((char)pending, c))
            {
                pending = c;
                continue;
            }
            if (pending >= 0)
            {
                into[found++] = (char)pending;
                if (found == into.Length)
                {
                    return found;
                }
            }
            pending = c;
        }
        if (pending >= 0)
        {
            into[found++] = (char)pending;
        }
        return found;
    }

    /// <summary>Whether two code units side by side (separators aside) are one run the filter collapses.</summary>
    private static bool SameRun(char a, char b) =>
        a < 0x80 && b < 0x80 && s_class[a] == s_class[b] && s_class[a] < AnchorPieces.NoCollapse;

    /// <summary>Each byte's bucket bits: its table entry, or every bucket for a non-ASCII code unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Lookup(Vector512<byte> bytes, Vector512<byte> low, Vector512<byte> high) =>
        Avx512Vbmi.PermuteVar64x8x2(low, bytes, high) | Vector512.LessThan(bytes.AsSByte(), Vector512<sbyte>.Zero).AsByte();

    /// <summary>64 code units to bytes, saturating: anything above 0xFF becomes 0xFF (still non-ASCII).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Narrow(ref ushort at) =>
        Vector512.Create(
            Avx512BW.ConvertToVector256ByteWithSaturation(Vector512.LoadUnsafe(ref at)),
            Avx512BW.ConvertToVector256ByteWithSaturation(Vector512.LoadUnsafe(ref at, 32)));

    /// <summary>The buckets whose pieces may have their anchor at <paramref name="p"/> (the filter's
    /// rule for one position: the scalar path, and tests compare both paths).</summary>
    [SkipLocalsInit]
    public int Buckets(ReadOnlySpan<char> text, int p)
    {
        char anchor = text[p];
        if (anchor < 0x80 && s_separator[anchor] != 0)
        {
            return 0;
        }
        Span<char> back = stackalloc char[3];
        back.Fill(' ');
        int found = KeptBefore(text, p, back);
        if (found > 0 && SameRun(back[0], anchor))
        {
            return 0;   // not kept: a repeat of the run before it
        }
        if ((anchor | back[0] | back[1] | back[2]) >= 0x80)
        {
            return 0xFF;
        }
        return _t0[anchor] & _t1[back[0]] & _t2[back[1]] & _t3[back[2]];
    }

    private static byte[] BuildSeparatorTable()
    {
        var table = new byte[128];
        for (int c = 0; c < table.Length; c++)
        {
            table[c] = AnchorPieces.IsSeparator(c) ? (byte)0xFF : (byte)0;
        }
        return table;
    }

    private static byte[] BuildClassTable()
    {
        var table = new byte[128];
        for (int c = 0; c < table.Length; c++)
        {
            table[c] = AnchorPieces.CollapseClass(c);
        }
        return table;
    }

    private static (Vector512<byte> Low, Vector512<byte> High) Split(byte[] table128) =>
        (Vector512.Create(table128.AsSpan(0, 64)), Vector512.Create(table128.AsSpan(64, 64)));
}
