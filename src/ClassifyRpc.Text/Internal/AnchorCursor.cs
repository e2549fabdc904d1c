namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Walks the flags of an <see cref="AnchorFilter"/> over one text, forwards: each block of 64 code
/// units is filtered once, and the kept code units that close it carry over to the next block, so a
/// walk that asks for the next flag again and again a few code units on pays nothing more. A scan
/// keeps the <see cref="AnchorBlocks"/> inside it across regions; this holds the filter and the text
/// with them for one-off walks.
/// </summary>
internal ref struct AnchorCursor
{
    private readonly AnchorFilter _filter;
    private readonly ReadOnlySpan<char> _text;
    private AnchorBlocks _blocks;

    public AnchorCursor(AnchorFilter filter, ReadOnlySpan<char> text, int start)
    {
        _filter = filter;
        _text = text;
        _blocks = default;
        _blocks.Start(filter, text, start);
    }

    /// <summary>The first flagged position at or after <paramref name="start"/> (never before the
    /// previous call's <paramref name="start"/>), or the text's length.</summary>
    public int Next(int start) => _blocks.Next(_filter, _text, start);

    /// <summary>The bucket bits of a position <see cref="Next"/> returned.</summary>
    public int Buckets(int position) => _blocks.Buckets(position);
}
