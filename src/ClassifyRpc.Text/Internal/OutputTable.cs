using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// What the detailed pass reports where the DFA enters a state with output, laid out flat per state:
/// every spelling that ends there (the state's own, then along its output links) times every mark that
/// spelling stands for, each with the spelling's length in runs.
/// </summary>
/// <remarks>
/// Reporting from the DFA's own tables walked five arrays of state or spelling size per hit (own pattern,
/// output link, spelling length, entry range, entries), each load depending on the one before and,
/// beside a 0.9 MB transition table, rarely in the L1 cache. Here it is one load for the state's range
/// and one contiguous read.
/// </remarks>
internal sealed class OutputTable
{
    /// <summary>Per state with output (its number minus <see cref="_firstState"/>): where its entries
    /// begin in <see cref="_entries"/>; one more at the end.</summary>
    private readonly int[] _start;
    private readonly OutputEntry[] _entries;
    private readonly int _firstState;

    /// <summary>Per state with output: whether every spelling it reports is a word-mode one.</summary>
    private readonly bool[] _wholeWordsOnly;

    /// <summary>Per state with output: whether it reports fuzzy anchors only (no hit of its own).</summary>
    private readonly bool[] _anchorsOnly;

    private OutputTable(int[] start, OutputEntry[] entries, int firstState)
    {
        _start = start;
        _entries = entries;
        _firstState = firstState;
        _wholeWordsOnly = new bool[start.Length - 1];
        _anchorsOnly = new bool[start.Length - 1];
        for (int u = 0; u < _wholeWordsOnly.Length; u++)
        {
            bool all = true;
            bool anchors = true;
            for (int e = start[u]; e < start[u + 1]; e++)
            {
                all &= entries[e].WholeWords;
                anchors &= entries[e].MarkIndex < 0;
            }
            _wholeWordsOnly[u] = all;
            _anchorsOnly[u] = anchors;
        }
    }

    /// <param name="dfa">The DFA: its states from <see cref="Dfa.AcceptThreshold"/> on have output.</param>
    /// <param name="patternLength">Per spelling, its length in symbols (runs).</param>
    /// <param name="entryStart">Per spelling, where its marks begin in <paramref name="entries"/>; one more at the end.</param>
    /// <param name="entries">The marks each spelling stands for.</param>
    public static OutputTable Build(Dfa dfa, int[] patternLength, int[] entryStart, PatternEntry[] entries)
    {
        int firstState = DfaBuilder.Number(dfa.AcceptThreshold);
        var start = new int[dfa.StateCount - firstState + 1];
        var flat = new List<OutputEntry>(dfa.StateCount - firstState);
        for (int u = firstState; u < dfa.StateCount; u++)
        {
            int from = flat.Count;
            start[u - firstState] = from;
            for (int node = dfa.OwnPattern[u] >= 0 ? u : dfa.OutputLink[u]; node >= 0; node = dfa.OutputLink[node])
            {
                int pattern = dfa.OwnPattern[node];
                for (int e = entryStart[pattern]; e < entryStart[pattern + 1]; e++)
                {
                    PatternEntry entry = entries[e];
                    flat.Add(new OutputEntry(entry.MarkIndex, patternLength[pattern], entry.Edits, entry.WholeWords));
                }
            }
            DropShadowed(flat, from);
        }
        start[^1] = flat.Count;
        return new OutputTable(start, [.. flat], firstState);
    }

    /// <summary>
    /// Drops, from one state's entries (those from <paramref name="from"/> on), the fuzzy anywhere
    /// spellings of two or more runs of a mark that also has an exact anywhere spelling of two or more runs
    /// there: such a fuzzy hit always overlaps that exact hit (both end at the first segment's end of the
    /// same last run, and each is at least one code unit long), and the post-processor drops a fuzzy hit that
    /// overlaps an exact one of its mark. The registry's long marks end most of their fuzzy spellings
    /// where an exact one ends ("quishmallow" inside "squishmallow"): fewer hits to place, sort and drop.
    /// </summary>
    private static void DropShadowed(List<OutputEntry> flat, int from)
    {
        int count = flat.Count - from;
        Span<bool> drop = count <= 256 ? stackalloc bool[count] : new bool[count];
        bool any = false;
        for (int e = 0; e < count; e++)
        {
            OutputEntry exact = flat[from + e];
            if (exact.Edits != 0 || exact.WholeWords || exact.Length < 2)
            {
                continue;
            }
            for (int f = 0; f < count; f++)
            {
                OutputEntry fuzzy = flat[from + f];
                // A mark's spellings share its mode. A fuzzy spelling of one run is kept: where that run crosses
                // a word boundary its hit is cut to the run's last segment, which may not overlap.
                if (fuzzy.MarkIndex == exact.MarkIndex && fuzzy.Edits != 0 && fuzzy.Length >= 2)
                {
                    drop[f] = any = true;
                }
            }
        }
        if (!any)
        {
            return;
        }
        int kept = from;
        for (int e = 0; e < count; e++)
        {
            if (!drop[e])
            {
                flat[kept++] = flat[from + e];
            }
        }
        flat.RemoveRange(kept, flat.Count - kept);
    }

    /// <summary>What to report where the DFA enters <paramref name="state"/> (an id with output).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<OutputEntry> Of(int state)
    {
        int u = DfaBuilder.Number(state) - _firstState;
        Debug.Assert((uint)u < (uint)(_start.Length - 1));
        ref int start = ref MemoryMarshal.GetArrayDataReference(_start);
        int from = Unsafe.Add(ref start, u);
        return new ReadOnlySpan<OutputEntry>(_entries, from, Unsafe.Add(ref start, u + 1) - from);
    }

    /// <summary>Whether every spelling <paramref name="state"/> reports must cover whole words (word mode).</summary>
    public bool WholeWordsOnly(int state) => _wholeWordsOnly[DfaBuilder.Number(state) - _firstState];

    /// <summary>Whether <paramref name="state"/> reports fuzzy anchors only (<see cref="PatternEntry.IsAnchor"/>).</summary>
    public bool AnchorsOnly(int state) => _anchorsOnly[DfaBuilder.Number(state) - _firstState];

    public long MemoryBytes => 2L * _wholeWordsOnly.Length + (long)_start.Length * sizeof(int) + (long)_entries.Length * Unsafe.SizeOf<OutputEntry>();
}
