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

    /// <summary>Drops hits from <paramref name="count"/> on (used to roll back a field's hits).</summary>
    public void Truncate(int count) => _count = Math.Min(_count, Math.Max(0, count));
}
