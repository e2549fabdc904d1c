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
/// A separator in between (a word ending in a start letter, or "S.q.u.i.s.h") defers the question to
/// the code unit after it; two separators in a row, or anything not ASCII, stop the skip.
/// All sets are looked up 32 code units at a time through 16-entry nibble tables (one shuffle each),
/// which over-approximates (never under-): a position the filter passes over is one the DFA would
/// leave the root at and come straight back from, or not leave at all.
/// Anything that is not ASCII stops the skip; the scalar loop reads it.
/// Where AVX-512 (BW, VBMI) is available <see cref="WidePairFilter"/> runs instead: exact
/// 128-entry tables, a third code unit, 64 positions at a time, and masked loads for the tail, so a
/// ~28-character field is filtered in one step instead of not at all.
/// </summary>
internal sealed class PairFilter
{
    private const int Buckets = 8;

    private readonly Vector256<byte> _firstLow;
    private readonly Vector256<byte> _firstHigh;
    private readonly Vector256<byte> _secondLow;
    private readonly Vector256<byte> _secondHigh;

    // Code units that always stop the skip: digits, ! and $ that can start (nibble tables over rows
    // 2-3), and up to four others compared one by one (r, v, c whose pair can start; @ and |).
    private readonly Vector256<byte> _forcedLow;
    private readonly Vector256<byte> _forcedHigh;
    private readonly Vector256<byte> _forced0;
    private readonly Vector256<byte> _forced1;
    private readonly Vector256<byte> _forced2;
    private readonly Vector256<byte> _forced3;

    private PairFilter(byte[] firstLow, byte[] firstHigh, byte[] secondLow, byte[] secondHigh, byte[] forcedLow, byte[] forcedHigh, char[] forced, WidePairFilter? wide)
    {
        _wide = wide;
        _forcedLow = Duplicate(forcedLow);
        _forcedHigh = Duplicate(forcedHigh);
        // Compared lower-cased (| 0x20; @ then also matches `, a separator: harmless); unused slots
        // hold 0xFF, which no ASCII code unit | 0x20 equals.
        _forced0 = Vector256.Create(forced.Length > 0 ? (byte)(forced[0] | 0x20) : (byte)0xFF);
        _forced1 = Vector256.Create(forced.Length > 1 ? (byte)(forced[1] | 0x20) : (byte)0xFF);
        _forced2 = Vector256.Create(forced.Length > 2 ? (byte)(forced[2] | 0x20) : (byte)0xFF);
        _forced3 = Vector256.Create(forced.Length > 3 ? (byte)(forced[3] | 0x20) : (byte)0xFF);
        _firstLow = Duplicate(firstLow);
        _firstHigh = Duplicate(firstHigh);
        _secondLow = Duplicate(secondLow);
        _secondHigh = Duplicate(secondHigh);
    }

    private readonly WidePairFilter? _wide;

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>Whether this filter runs the AVX-512 form.</summary>
    public bool IsVector512 => _wide is not null;

    /// <summary>
    /// The filter for a DFA, or null when it would not pay: not supported here, a one-symbol spelling,
    /// or more than <paramref name="maxStartLetters"/> letters can leave the root. With
    /// <paramref name="allowVector512"/> false, the AVX2 form even where AVX-512 is available (tests).
    /// </summary>
    public static PairFilter? TryCreate(Dfa dfa, int maxStartLetters, bool allowVector512 = true)
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

        // Exact masks of the letters. Only letters go into the nibble tables: a letter and its capital
        // share the low nibble and the class, so with one bucket per start class the tables stay exact
        // for letters. Digits and ! | $ @ (which fold into letters, from other rows of the ASCII table)
        // are checked apart: always "may follow", and always "may start" if any of them can.
        var first = new byte[128];
        var second = new byte[128];
        var forcedLow = new byte[16];
        var forcedHigh = new byte[16];
        bool forceAt = false, forceBar = false;
        var forcedLetters = new List<char>();
        int startLetters = 0;
        for (int c = 0; c < 128; c++)
        {
            int cls = ScanClasses.Table[c];
            bool letter = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
            if (cls == ScanClasses.NoOp)
            {
                continue;   // separators: Next looks one code unit further
            }
            if (!letter)
            {
                // Digits, ! and $ sit in rows 2-3 of the ASCII table: nibble tables of their own;
                // @ and | sit among the letters: compared apart.
                if (bucketOf[cls] >= 0)
                {
                    if (c == '@')
                    {
                        forceAt = true;
                    }
                    else if (c == '|')
                    {
                        forceBar = true;
                    }
                    else
                    {
                        forcedLow[c & 15] = 0xFF;
                        forcedHigh[c >> 4] = 0xFF;
                    }
                }
                continue;
            }

            // A letter reads as one symbol, or (r, v, c) may pair with the next into another (m, w, d).
            (byte alone, int pair) = cls switch
            {
                ScanClasses.PairR => (Symbols.FromRaw['r'], Symbols.FromRaw['m']),
                ScanClasses.PairV => (Symbols.FromRaw['v'], Symbols.FromRaw['w']),
                ScanClasses.PairC => (Symbols.FromRaw['c'], Symbols.FromRaw['d']),
                _ => ((byte)cls, -1),
            };
            if (bucketOf[alone] >= 0)
            {
                first[c] = (byte)(1 << bucketOf[alone]);
            }
            if (pair >= 0 && bucketOf[pair] >= 0 && c is >= 'a' and <= 'z')
            {
                // The pair's symbol starts a spelling: its successor is two code units on; always stop.
                forcedLetters.Add((char)c);
            }
            if ((first[c] != 0 || forcedLetters.Contains((char)(c | 0x20))) && c is >= 'a' and <= 'z')
            {
                startLetters++;
            }

            // c may follow start symbol x unless reading it from x's state lands where reading it from
            // the root would (then position i+1 is judged on its own).
            for (int x = 0; x < Symbols.Count; x++)
            {
                if (bucketOf[x] < 0)
                {
                    continue;
                }
                bool follows = DfaBuilder.Next(t, t[x], alone) != t[alone] || (pair >= 0 && DfaBuilder.Next(t, t[x], pair) != t[pair]);
                if (follows)
                {
                    second[c] |= (byte)(1 << bucketOf[x]);
                }
            }
        }
        if (startLetters > maxStartLetters || forcedLetters.Count > 3)
        {
            return null;
        }

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
        if (forceAt)
        {
            forcedLetters.Add('@');
        }
        if (forceBar)
        {
            forcedLetters.Add('|');
        }
        if (forcedLetters.Count > 4)
        {
            return null;
        }
        WidePairFilter? wide = allowVector512 && WidePairFilter.IsSupported ? WidePairFilter.Create(dfa) : null;
        return new PairFilter(firstLow, firstHigh, secondLow, secondHigh, forcedLow, forcedHigh, [.. forcedLetters], wide);
    }

    /// <summary>
    /// The first position at or after <paramref name="start"/> the DFA at its root must read, or the
    /// text's length when there is none.
    /// </summary>
    public int Next(ReadOnlySpan<char> text, int start) => _wide is not null ? _wide.Next(text, start) : Next256(text, start);

    /// <summary>
    /// <see cref="Next"/> 32 code units at a time with AVX2; the last 34 code units are not filtered
    /// (returned as they come).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Next256(ReadOnlySpan<char> text, int start)
    {
        int i = start;
        int last = text.Length - 34;
        if (i > last)
        {
            return i;
        }
        ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        while (i <= last)
        {
            Vector256<byte> here = Narrow(ref Unsafe.Add(ref chars, i));
            Vector256<byte> next = Narrow(ref Unsafe.Add(ref chars, i + 1));
            Vector256<byte> after = Narrow(ref Unsafe.Add(ref chars, i + 2));

            Vector256<byte> firstBits = Lookup(_firstLow, _firstHigh, here);
            // Non-ASCII, digits and signs may follow anything; a separator defers to the code unit after.
            Vector256<byte> nextBits = Lookup(_secondLow, _secondHigh, next) | NonAsciiDigitOrSign(next);
            Vector256<byte> afterBits = Lookup(_secondLow, _secondHigh, after) | NonAsciiDigitOrSign(after) | Separator(after);
            Vector256<byte> secondBits = nextBits | (Separator(next) & afterBits);
            Vector256<byte> lower = here | Vector256.Create((byte)0x20);
            Vector256<byte> forced =
                NonAscii(here) | Lookup(_forcedLow, _forcedHigh, here)
                | Vector256.Equals(lower, _forced0) | Vector256.Equals(lower, _forced1)
                | Vector256.Equals(lower, _forced2) | Vector256.Equals(lower, _forced3);
            Vector256<byte> hit = ~Avx2.CompareEqual(firstBits & secondBits, Vector256<byte>.Zero) | forced;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Lookup(Vector256<byte> low, Vector256<byte> high, Vector256<byte> bytes)
    {
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        return Avx2.Shuffle(low, bytes & nibble) & Avx2.Shuffle(high, Avx2.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
    }

    /// <summary>0xFF for an ASCII separator: not a letter, a digit, nor ! | $ @ (exact: nibble tables
    /// would flag whole rows of letters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Separator(Vector256<byte> bytes)
    {
        Vector256<byte> letter = Vector256.LessThanOrEqual((bytes | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)25));
        return ~(letter | NonAsciiDigitOrSign(bytes));
    }

    /// <summary>0xFF for a digit or one of ! | $ @.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> DigitOrSign(Vector256<byte> bytes) =>
        Vector256.LessThanOrEqual(bytes - Vector256.Create((byte)'0'), Vector256.Create((byte)9))
        | Vector256.Equals(bytes, Vector256.Create((byte)'!')) | Vector256.Equals(bytes, Vector256.Create((byte)'|'))
        | Vector256.Equals(bytes, Vector256.Create((byte)'$')) | Vector256.Equals(bytes, Vector256.Create((byte)'@'));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> NonAsciiDigitOrSign(Vector256<byte> bytes) => NonAscii(bytes) | DigitOrSign(bytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> NonAscii(Vector256<byte> bytes) =>
        Avx2.CompareGreaterThan(Vector256<sbyte>.Zero, bytes.AsSByte()).AsByte();

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
