using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// The fast pass's dense loop: the DFA over a text's UTF-16 code units, one table entry and one
/// transition per code unit, until a state with output, the text's end, or a code unit only the token
/// reader reads. <see cref="Read"/> takes one reading for a short text and two at once for a long one
/// (<see cref="Split"/>); both return the same. The automaton's own tables are passed in (the
/// transitions, ids as byte offsets; the accept threshold), so the loop holds nothing of its own but the
/// per-code-unit entries below, shared by every automaton.
/// </summary>
/// <remarks>Every method returns the position in the high half and the state in the low half, the sign
/// bit set when it stopped at a state with output.</remarks>
internal static class DenseLoop
{
    /// <summary>
    /// One reading from <paramref name="start"/> (where nothing is pending) until a state with output,
    /// the text's end, or a code unit only the token reader reads (a surrogate, an expansion, a
    /// look-alike of r, v, c, or ASCII r, v, c before a code unit that is not ASCII, from which it reads).
    /// The state it started from may have output: it is not a new candidate.
    /// </summary>
    /// <remarks>
    /// <para>A leaf (no call in it, none out of it): its loop keeps every value in a register. Inlined
    /// into its callers with the call to the token reader in the same loop, the register allocator
    /// spilled the position, the length or the threshold and reloaded them on every code unit.</para>
    /// <para>ASCII r, v, c (a tenth of English letters) are read alone, like any letter, and a pair is
    /// mended when its second letter comes: the DFA steps from the state before the first letter
    /// (<c>before</c>) on the pair's column instead. Deciding at the first letter, as the token reader
    /// does, put a branch on every r, v and c that the processor could not predict (a quarter of the
    /// time spent on short fields without a hit). Each code unit's <see cref="s_denseEntry"/> says which
    /// first letters it would pair with (<see cref="SecondLetters"/>, every one for a code unit that is
    /// not ASCII: the token reader decides then) and which it starts; one test of the entry against
    /// what the last code unit started (<c>pending</c>, with <see cref="StopAlways"/>) catches a pair,
    /// a pair letter before a code unit that is not ASCII, and what only the token reader reads. A pair
    /// letter alone may enter a state with output that the code unit after it undoes, so that output
    /// waits for it.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Run(ref char chars, nint start, nint end, ref int transitions, nuint limit, nuint state) =>
        Steps(ref chars, start, end, ref transitions, limit, state, state, StopAlways);

    /// <summary><see cref="Run"/> resumed where a pair letter may be pending (<paramref name="pending"/>,
    /// with <paramref name="before"/> the state before it): the rest of a reading <see cref="Split"/>
    /// began.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long RunFrom(ref char chars, nint start, nint end, ref int transitions, nuint limit, nuint state, nuint before, uint pending) =>
        Steps(ref chars, start, end, ref transitions, limit, state, before, pending);

    /// <summary>The dense loop's step: the state after <paramref name="state"/> (a row's byte offset) on the column at
    /// byte offset <paramref name="column"/>. The column's address is taken first, so the state's chain from
    /// step to step is the load alone. <see cref="DfaBuilder.Next(ref int, int, int)"/> with the column as the
    /// entry holds it (a byte offset) and native-sized values, which the loops keep without extending them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Next(ref byte table, nint column, nuint state) => Next(ref Unsafe.Add(ref table, column), state);

    /// <summary><see cref="Next(ref byte, nint, nuint)"/> from the column's address.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint Next(ref byte column, nuint state) => (uint)Unsafe.As<byte, int>(ref Unsafe.Add(ref column, state));

    /// <summary>The byte offset of the column of the pair (m, w, d) whose first letter <paramref name="pending"/> holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint JoinedColumn(uint pending) =>
        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(s_joinedColumn), (nint)(pending >> 8 & 7));

    /// <summary>Whether a code unit the pending test caught (<paramref name="entry"/> &amp; <paramref name="pending"/>)
    /// is the token reader's: anything but the ASCII second letter of a pair whose first letter came just before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ForTheReader(uint entry, uint pending, char c) =>
        (pending & SecondLetters) == 0 || (entry & StopAlways) != 0 || c >= 0x80;

    /// <summary>What the dense loop returns when it hands code unit <paramref name="i"/> to the token reader: from the
    /// pair letter before it, if any, its step undone (the reader looks past ignored characters for its pair).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long HandOver(nint i, uint pending, nuint state, nuint before) =>
        (pending & SecondLetters) != 0 ? Stopped(i - 1, before) : Stopped(i, state);

    /// <summary>Whether a state with output entered at the code unit before <paramref name="i"/> is a candidate: not
    /// while a pair letter's output waits for a code unit after it that would make the pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OutputStands(ref char chars, ref uint entries, nint i, nint end, uint pending) =>
        (pending & SecondLetters) == 0 || i >= end || (Unsafe.Add(ref entries, (nint)Unsafe.Add(ref chars, i)) & pending) == 0;

    /// <summary>A reading that stopped at <paramref name="i"/> in <paramref name="state"/> without a candidate (the
    /// text's end, or a code unit for the token reader): the position in the high half, the state in the low.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Stopped(nint i, nuint state) => ((long)i << 32) | (uint)state;

    /// <summary>A reading that stopped at a candidate: <see cref="Stopped"/> with the sign bit set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Candidate(nint i, nuint state) => long.MinValue | Stopped(i, state);

    /// <summary>What <c>pending</c> becomes after a code unit with this entry (its high half).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint PendingAfter(uint entry) => entry >> 16;

    /// <summary>The first position from <paramref name="at"/> (up to <paramref name="end"/>) after a code unit
    /// that leaves nothing pending: a reading can be cut there and resumed from the root or from a state
    /// alone, as a reading from that point would be.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint CleanPoint(ref char chars, ref uint entries, nint at, nint end)
    {
        while (at < end && PendingAfter(Unsafe.Add(ref entries, (nint)Unsafe.Add(ref chars, at - 1))) != StopAlways)
        {
            at++;
        }
        return at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Steps(ref char chars, nint start, nint end, ref int transitions, nuint limit, nuint state, nuint before, uint pending)
    {
        ref uint entries = ref MemoryMarshal.GetArrayDataReference(s_denseEntry);
        // Byte offsets: the entry holds the column's, the state is its row's (DfaBuilder.RowBytes).
        ref byte table = ref Unsafe.As<int, byte>(ref transitions);
        // Native-sized arguments: no sign or zero extension at the entry of a call most fields make once.
        nuint s = state;
        nint i = start;
        while (i < end)
        {
            uint entry = Unsafe.Add(ref entries, (nint)Unsafe.Add(ref chars, i));
            // The column's address before the test, though a pair's mend does not use it: computed
            // after it, the register allocator copied the column once more on every code unit.
            ref byte column = ref Unsafe.AddByteOffset(ref table, (nuint)(byte)entry);
            if ((entry & pending) != 0)
            {
                if (ForTheReader(entry, pending, Unsafe.Add(ref chars, i)))
                {
                    return HandOver(i, pending, s, before);
                }
                // rn, vv, cl: the pair's column from the state before its first letter.
                s = Next(ref table, JoinedColumn(pending), before);
                pending = StopAlways;
                i++;
                if (s >= limit)
                {
                    return Candidate(i, s);
                }
                continue;
            }
            before = s;
            s = Next(ref column, s);
            pending = PendingAfter(entry);
            i++;
            if (s >= limit && OutputStands(ref chars, ref entries, i, end, pending))
            {
                return Candidate(i, s);
            }
        }
        return Stopped(i, s);
    }

    /// <summary>Texts from this long <see cref="Read"/> reads as two halves at once. Not the
    /// fields (the corpus's longest is ~170 code units): read split, its fields over 64 took a third less
    /// time alone, but mixed with the short ones as the service scans them, no less (one reading's
    /// steps there already overlap the next field's), and the split's setup showed.</summary>
    private const int SplitLength = 256;

    /// <summary><see cref="Run"/>, or <see cref="Split"/> for a long enough stretch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Read(ref char chars, nint start, nint end, ref int transitions, nuint limit, nuint state) =>
        end - start >= SplitLength
            ? Split(ref chars, start, end, ref transitions, limit, state)
            : Run(ref chars, start, end, ref transitions, limit, state);

    /// <summary>
    /// What <see cref="Run"/> returns, reading a long text a stretch of <see cref="SplitSpan"/> code
    /// units at a time, each as two halves at once (<see cref="Halves"/>). Each stretch ends after
    /// a code unit that leaves nothing pending, so the next one starts as a reading from its start
    /// would; a stop early in a long text wastes no more than one stretch's second half.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Split(ref char chars, nint start, nint end, ref int transitions, nuint limit, nuint state)
    {
        ref uint entries = ref MemoryMarshal.GetArrayDataReference(s_denseEntry);
        while (true)
        {
            if (end - start <= SplitSpan)
            {
                return Halves(ref chars, start, end, ref transitions, limit, state);
            }
            nint stretchEnd = CleanPoint(ref chars, ref entries, start + SplitSpan, end);
            long run = Halves(ref chars, start, stretchEnd, ref transitions, limit, state);
            if (run < 0 || (run >> 32) != stretchEnd || stretchEnd == end)
            {
                return run;
            }
            start = stretchEnd;
            state = (uint)run;
        }
    }

    /// <summary>The longest stretch <see cref="Split"/> reads as two halves at once.</summary>
    private const int SplitSpan = 256;

    /// <summary>A second half shorter than this (the split point pushed on by pair letters) is not worth a
    /// second reading.</summary>
    private const int MinHalf = 16;

    /// <summary>
    /// What <see cref="Run"/> returns, reading the two halves of a stretch at once: each step of the
    /// DFA waits for the load of the one before, so one reading leaves the processor idle most of the
    /// time, and a second, independent one fills it (a long text alone: a third less time).
    /// </summary>
    /// <remarks>
    /// <para>The first half (A) is read from <paramref name="state"/>, as <see cref="Run"/> would. The
    /// second (B) is read from the DFA's root at a split point <c>m</c> after which nothing is pending
    /// (the code unit before it is no pair letter), so from <c>m</c> on, the reading depends only on the
    /// state there and the text. B's state is a guess: right once it equals A's at the same place.</para>
    /// <para>When A reaches <c>m</c> (having stopped nowhere before: else its stop is the answer), it reads
    /// on from <c>m</c> beside a second reading from the root there (C, which takes the states B took),
    /// until both states agree with nothing pending: from there both readings are one, so where B
    /// stopped (a candidate, a code unit for the token reader, or the end) is where a single reading
    /// stops, in the same state. A state of the DFA stands for the longest suffix of what it read that
    /// begins a spelling, so they agree once A's is no longer than what C read: within a few code
    /// units. If they have not agreed by where B stopped, A reads on alone. Nothing B found is used
    /// before that agreement, so the answer is always the single reading's.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Halves(ref char chars, nint start, nint end, ref int transitions, nuint limit, nuint state)
    {
        ref uint entries = ref MemoryMarshal.GetArrayDataReference(s_denseEntry);
        ref byte table = ref Unsafe.As<int, byte>(ref transitions);

        // The split point: at or after the middle, after a code unit that leaves nothing pending.
        nint m = CleanPoint(ref chars, ref entries, start + ((end - start) >> 1), end);
        if (end - m < MinHalf)
        {
            return Run(ref chars, start, end, ref transitions, limit, state);
        }

        nuint sA = state, beforeA = state, sB = 0, beforeB = 0;
        uint pendingA = StopAlways, pendingB = StopAlways;
        nint i = start;
        // B reads at i + distance while A reads at i; both stop together after the shorter half.
        nint distance = m - start;
        nint stop = start + Math.Min(m - start, end - m);
        ref char charsB = ref Unsafe.Add(ref chars, distance);
        long resultB;
        while (true)
        {
            if (i >= stop)
            {
                nint j = i + distance;
                resultB = j < end
                    ? RunFrom(ref chars, j, end, ref transitions, limit, sB, beforeB, pendingB)
                    : Stopped(end, sB);
                break;
            }
            uint entryA = Unsafe.Add(ref entries, (nint)Unsafe.Add(ref chars, i));
            uint entryB = Unsafe.Add(ref entries, (nint)Unsafe.Add(ref charsB, i));
            if (((entryA & pendingA) | (entryB & pendingB)) == 0)
            {
                beforeA = sA;
                sA = Next(ref table, (nint)(byte)entryA, sA);
                beforeB = sB;
                sB = Next(ref table, (nint)(byte)entryB, sB);
                pendingA = PendingAfter(entryA);
                pendingB = PendingAfter(entryB);
                i++;
                if (sA < limit && sB < limit)
                {
                    continue;
                }
            }
            else
            {
                // A pair's second letter or a code unit for the token reader, in either reading: each
                // takes its step as Run would.
                if ((entryA & pendingA) != 0)
                {
                    if (ForTheReader(entryA, pendingA, Unsafe.Add(ref chars, i)))
                    {
                        return HandOver(i, pendingA, sA, beforeA);
                    }
                    sA = Next(ref table, JoinedColumn(pendingA), beforeA);
                    pendingA = StopAlways;
                }
                else
                {
                    beforeA = sA;
                    sA = Next(ref table, (nint)(byte)entryA, sA);
                    pendingA = PendingAfter(entryA);
                }
                if ((entryB & pendingB) != 0)
                {
                    if (ForTheReader(entryB, pendingB, Unsafe.Add(ref charsB, i)))
                    {
                        resultB = HandOver(i + distance, pendingB, sB, beforeB);
                        i++;
                        if (sA >= limit && OutputStands(ref chars, ref entries, i, end, pendingA))
                        {
                            return Candidate(i, sA);
                        }
                        goto BDone;
                    }
                    sB = Next(ref table, JoinedColumn(pendingB), beforeB);
                    pendingB = StopAlways;
                }
                else
                {
                    beforeB = sB;
                    sB = Next(ref table, (nint)(byte)entryB, sB);
                    pendingB = PendingAfter(entryB);
                }
                i++;
            }
            // A state with output in either reading: a candidate unless a pair letter's output waits
            // for the code unit after it.
            if (sA >= limit && OutputStands(ref chars, ref entries, i, end, pendingA))
            {
                return Candidate(i, sA);
            }
            if (sB >= limit && OutputStands(ref chars, ref entries, i + distance, end, pendingB))
            {
                resultB = Candidate(i + distance, sB);
                goto BDone;
            }
        }

    BDone:
        // B has its answer (resultB: where it stopped, or the end).
        if (i < m)
        {
            // The rest of A's half alone: a stop there is the answer.
            long a = RunFrom(ref chars, i, m, ref transitions, limit, sA, beforeA, pendingA);
            if (a < 0 || (a >> 32) != m)
            {
                return a;
            }
            sA = (uint)a;
            i = m;
        }

        // A on from m beside C, which retakes B's steps, until they agree (nothing pending: the code
        // unit before m leaves nothing, and both read the same code units) or B's stop is reached.
        nint until = (nint)((resultB >> 32) & int.MaxValue);
        nuint sC = 0, beforeC = 0;
        pendingA = StopAlways;
        while (true)
        {
            if (sA == sC && pendingA == StopAlways)
            {
                return resultB;
            }
            if (i >= until)
            {
                return RunFrom(ref chars, i, end, ref transitions, limit, sA, beforeA, pendingA);
            }
            uint entry = Unsafe.Add(ref entries, (nint)Unsafe.Add(ref chars, i));
            if ((entry & pendingA) != 0)
            {
                if (ForTheReader(entry, pendingA, Unsafe.Add(ref chars, i)))
                {
                    return HandOver(i, pendingA, sA, beforeA);
                }
                nint joined = JoinedColumn(pendingA);
                sA = Next(ref table, joined, beforeA);
                sC = Next(ref table, joined, beforeC);
                pendingA = StopAlways;
            }
            else
            {
                beforeA = sA;
                beforeC = sC;
                sA = Next(ref table, (nint)(byte)entry, sA);
                sC = Next(ref table, (nint)(byte)entry, sC);
                pendingA = PendingAfter(entry);
            }
            i++;
            if (sA >= limit && OutputStands(ref chars, ref entries, i, end, pendingA))
            {
                return Candidate(i, sA);
            }
        }
    }

    /// <summary><see cref="s_denseEntry"/>: the first letters a code unit would make a pair with as its
    /// second letter, one bit each from bit 8 in <see cref="PairLetters.Info"/>'s order (r, v, c).</summary>
    private const uint SecondLetters = 0x700;

    /// <summary><see cref="s_denseEntry"/>: only the token reader reads this code unit. Always in
    /// <c>pending</c>, so one test catches it.</summary>
    private const uint StopAlways = 0x800;

    /// <summary>
    /// Per BMP code unit, for <see cref="Run"/>: in the low half, the byte offset of its column
    /// (ASCII r, v, c: their own letter's), <see cref="SecondLetters"/> (n, v, l; every code unit that is
    /// not ASCII) and <see cref="StopAlways"/> (surrogates, expansions, look-alikes of r, v, c); in the
    /// high half, what <c>pending</c> becomes after it: <see cref="StopAlways"/>, and for ASCII r, v, c
    /// their bit of <see cref="SecondLetters"/> (one shift, where a 16-bit entry took four instructions).
    /// </summary>
    private static readonly uint[] s_denseEntry = BuildDenseEntries();

    /// <summary>By a first letter's bit (r 1, v 2, c 4): the byte offset of its pair's column (m, w, d).</summary>
    private static readonly byte[] s_joinedColumn = BuildJoinedColumns();

    private static uint[] BuildDenseEntries()
    {
        var table = new uint[0x10000];
        for (int c = 0; c < table.Length; c++)
        {
            int cls = ScanClasses.Table[c];
            bool pairLetter = cls is ScanClasses.PairR or ScanClasses.PairV or ScanClasses.PairC;
            uint entry = cls switch
            {
                ScanClasses.Slow => StopAlways,
                _ when pairLetter => (uint)(PairLetters.Info[cls - ScanClasses.PairR] >> 16) * sizeof(int),   // read alone
                _ => (uint)cls * sizeof(int),
            };
            if (c >= 0x80)
            {
                entry |= SecondLetters;
            }
            else
            {
                for (int pair = 0; pair < PairLetters.Info.Length; pair++)
                {
                    if ((c | 0x20) == (PairLetters.Info[pair] & 0xFF))
                    {
                        entry |= PairBit(pair);
                    }
                }
            }
            // What pending becomes after it.
            uint started = StopAlways | (pairLetter ? PairBit(cls - ScanClasses.PairR) : 0);
            table[c] = entry | started << 16;
        }
        return table;
    }

    private static byte[] BuildJoinedColumns()
    {
        var table = new byte[8];
        for (int pair = 0; pair < PairLetters.Info.Length; pair++)
        {
            table[PairBit(pair) >> 8] = (byte)(((PairLetters.Info[pair] >> 8) & 0xFF) * sizeof(int));
        }
        return table;
    }

    /// <summary>The bit in <see cref="SecondLetters"/> of the pair at <paramref name="pair"/> in <see cref="PairLetters.Info"/>.</summary>
    private static uint PairBit(int pair) => 0x100u << pair;
}
