namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Turns a scan's raw candidate hits (one per matched spelling) into its reported hits, in place:
/// per mark, overlapping hits of the same kind merge into their union; a fuzzy hit that overlaps an exact
/// hit of the same mark is dropped; the result is ordered by start.
/// </summary>
internal static class HitPostProcessor
{
    public static void Process(MarkHitBuffer hits, int from)
    {
        Span<MarkHit> span = hits.WritableSpan(from);
        if (span.Length <= 1)
        {
            return;
        }

        SortByMarkEditsStart(span);

        int kept = 0;
        int group = 0;
        while (group < span.Length)
        {
            int mark = span[group].MarkIndex;
            int end = group;
            while (end < span.Length && span[end].MarkIndex == mark)
            {
                end++;
            }

            // Exact hits (sorted first within the mark, by start): merge overlaps.
            int exactFrom = kept;
            int i = group;
            for (; i < end && span[i].Edits == 0; i++)
            {
                MergeOrAppend(span, exactFrom, ref kept, span[i]);
            }
            int exactTo = kept;

            // Fuzzy hits: dropped under an exact hit of the same mark, otherwise merged among themselves.
            // Both lists are ordered by start and the merged exact hits are disjoint, so one pointer
            // walks the exact hits once (a long text may hold thousands of each).
            int fuzzyFrom = kept;
            int e = exactFrom;
            for (; i < end; i++)
            {
                MarkHit hit = span[i];
                while (e < exactTo && span[e].Start + span[e].Length <= hit.Start)
                {
                    e++;
                }
                bool underExact = e < exactTo && span[e].Start < hit.Start + hit.Length;
                if (!underExact)
                {
                    MergeOrAppend(span, fuzzyFrom, ref kept, hit);
                }
            }
            group = end;
        }

        span = span[..kept];
        SortByStart(span);
        hits.Truncate(from + kept);
    }

    /// <summary>Below this many hits (a field's or a cluster's: almost always), an insertion sort with
    /// the comparison inlined beats <see cref="MemoryExtensions.Sort{T}(Span{T}, Comparison{T})"/>'s
    /// delegate calls.</summary>
    private const int InsertionSortLimit = 24;

    private static void SortByMarkEditsStart(Span<MarkHit> span)
    {
        if (span.Length > InsertionSortLimit)
        {
            // Static lambdas: cached delegates, so sorting allocates nothing (a struct comparer would be boxed).
            span.Sort(static (x, y) => ByMarkEditsStart(x, y));
            return;
        }
        for (int i = 1; i < span.Length; i++)
        {
            MarkHit item = span[i];
            int j = i - 1;
            for (; j >= 0 && ByMarkEditsStart(span[j], item) > 0; j--)
            {
                span[j + 1] = span[j];
            }
            span[j + 1] = item;
        }
    }

    internal static void SortByStart(Span<MarkHit> span)
    {
        if (span.Length > InsertionSortLimit)
        {
            span.Sort(static (x, y) => ByStart(x, y));
            return;
        }
        for (int i = 1; i < span.Length; i++)
        {
            MarkHit item = span[i];
            int j = i - 1;
            for (; j >= 0 && ByStart(span[j], item) > 0; j--)
            {
                span[j + 1] = span[j];
            }
            span[j + 1] = item;
        }
    }

    private static void MergeOrAppend(Span<MarkHit> span, int from, ref int kept, MarkHit hit)
    {
        if (kept > from)
        {
            ref MarkHit previous = ref span[kept - 1];
            int previousEnd = previous.Start + previous.Length;
            if (hit.Start < previousEnd)
            {
                int end = Math.Max(previousEnd, hit.Start + hit.Length);
                previous = previous with { Length = end - previous.Start };
                return;
            }
        }
        span[kept++] = hit;
    }

    private static int ByMarkEditsStart(in MarkHit x, in MarkHit y)
    {
        int c = x.MarkIndex.CompareTo(y.MarkIndex);
        if (c != 0)
        {
            return c;
        }
        c = x.Edits.CompareTo(y.Edits);
        if (c != 0)
        {
            return c;
        }
        c = x.Start.CompareTo(y.Start);
        return c != 0 ? c : y.Length.CompareTo(x.Length);
    }

    private static int ByStart(in MarkHit x, in MarkHit y)
    {
        int c = x.Start.CompareTo(y.Start);
        if (c != 0)
        {
            return c;
        }
        c = x.MarkIndex.CompareTo(y.MarkIndex);
        return c != 0 ? c : y.Length.CompareTo(x.Length);
    }
}
