using System.Runtime.CompilerServices;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// One symbol of the collapsed symbol stream: a run of occurrences of the same symbol, possibly across
/// separators and ignored characters ("S.n.u.g.g" has one run of g). A run may cross word boundaries;
/// its occurrences between two boundaries form a segment. Offsets are UTF-16 offsets in the source.
/// </summary>
internal struct SymbolRun
{
    public byte Symbol;

    /// <summary>False once a separator has been met inside the run.</summary>
    public bool InFirstSegment;

    /// <summary>Start of the run's first occurrence.</summary>
    public int FirstStart;

    /// <summary>End of the run's first occurrence.</summary>
    public int FirstEnd;

    /// <summary>End of the last occurrence of the first segment (where an anywhere match ending here ends).</summary>
    public int FirstSegmentEnd;

    /// <summary>Start of the first occurrence of the last segment (where an anywhere match starting here starts).</summary>
    public int LastSegmentStart;

    /// <summary>End of the run's last occurrence.</summary>
    public int LastEnd;

    /// <summary>Start of the latest occurrence that begins a word; -1 if none.</summary>
    public int WordStart;

    /// <summary>End of the earliest occurrence at which a word may end (its trailing ! | $ @ read as
    /// punctuation); -1 if none.</summary>
    public int WordEnd;

    /// <summary>A new run of one occurrence, [start, end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SymbolRun Create(byte symbol, int start, int end, bool wordStart) => new()
    {
        Symbol = symbol,
        InFirstSegment = true,
        FirstStart = start,
        FirstEnd = end,
        FirstSegmentEnd = end,
        LastSegmentStart = start,
        LastEnd = end,
        WordStart = wordStart ? start : -1,
        WordEnd = -1,
    };

    /// <summary>Another occurrence of the run's symbol, [start, end), after a separator or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Extend(int start, int end, bool afterBoundary, bool wordStart)
    {
        if (afterBoundary)
        {
            InFirstSegment = false;
            LastSegmentStart = start;
        }
        if (InFirstSegment)
        {
            FirstSegmentEnd = end;
        }
        LastEnd = end;
        if (wordStart)
        {
            WordStart = start;
        }
    }

    /// <summary>
    /// The text a spelling over the runs <paramref name="first"/> to <paramref name="last"/> reports, [start, end):
    /// in word mode from where the first run's word begins to where the last run's may end (false when either has
    /// none); anywhere, a collapsed run that crosses a word boundary trimmed to the word holding the rest of the
    /// match. A one-symbol spelling whose run crosses words reports the run's last segment. The one rule for the
    /// DFA's hits and the fuzzy verifier's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SpanOf(in SymbolRun first, in SymbolRun last, bool wholeWords, out int start, out int end)
    {
        if (wholeWords)
        {
            start = first.WordStart;
            end = last.WordEnd;
            if (start < 0 || end < 0)
            {
                return false;
            }
        }
        else
        {
            start = first.LastSegmentStart;
            end = last.FirstSegmentEnd;
        }
        if (end <= start)
        {
            end = last.LastEnd;
        }
        return true;
    }
}
