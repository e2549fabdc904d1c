namespace ClassifyRpc.Text;

/// <summary>
/// A reusable, growable list of hits, so a scan allocates nothing once the buffer has warmed up.
/// Not thread-safe: one per thread or per call.
/// </summary>
public sealed class MarkHitBuffer
{
    private MarkHit[] _items;
    private int _count;

    public MarkHitBuffer(int capacity = 16) => _items = new MarkHit[Math.Max(1, capacity)];

    public int Count => _count;

    public ref readonly MarkHit this[int index] => ref _items.AsSpan(0, _count)[index];

    public ReadOnlySpan<MarkHit> AsSpan() => _items.AsSpan(0, _count);

    public void Clear() => _count = 0;

    public void Add(in MarkHit hit)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        _items[_count++] = hit;
    }

    /// <summary>The hits from <paramref name="start"/> on, writable: the scan orders and merges its own hits in place.</summary>
    internal Span<MarkHit> WritableSpan(int start) => _items.AsSpan(start, _count - start);

    /// <summary>
    /// Renames the marks of the hits from <paramref name="start"/> on: a hit of mark i becomes a hit of mark
    /// <paramref name="ordinals"/>[i]. For an automaton built over some of a registry's marks, whose hits name
    /// them by their index in that list.
    /// </summary>
    public void Remap(int start, ReadOnlySpan<int> ordinals)
    {
        Span<MarkHit> hits = WritableSpan(start);
        for (int i = 0; i < hits.Length; i++)
        {
            hits[i] = hits[i] with { MarkIndex = ordinals[hits[i].MarkIndex] };
        }
    }

    /// <summary>
    /// Orders the hits from <paramref name="start"/> on as a scan orders its own (by start, then mark, longer
    /// first): the hits of several automata over disjoint sets of marks, each scan's own hits final, then read
    /// as one automaton over all of them would report them (a mark's hits are merged and dropped among
    /// themselves only, so splitting the marks changes nothing else).
    /// </summary>
    public void SortByStart(int start) => Internal.HitPostProcessor.SortByStart(WritableSpan(start));

    /// <summary>Drops hits from <paramref name="count"/> on (used to roll back a field's hits).</summary>
    public void Truncate(int count) => _count = Math.Min(_count, Math.Max(0, count));
}
