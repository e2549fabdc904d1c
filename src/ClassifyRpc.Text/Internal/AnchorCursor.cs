using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Walks the flags of an <see cref="AnchorFilter"/> over one text, forwards: each block of 64 code
/// units is filtered once, and the kept code units that close it carry over to the next block, so a
/// scan that asks for the next flag again and again a few code units on pays nothing more.
/// </summary>
internal ref struct AnchorCursor
{
    private const int Block = 64;

    private readonly AnchorFilter _filter;
    private readonly ReadOnlySpan<char> _text;
    private int _blockStart;
    private ulong _flags;
    private Vector512<byte> _buckets;
    private Vector512<byte> _carry;

    public AnchorCursor(AnchorFilter filter, ReadOnlySpan<char> text, int start)
    {
        _filter = filter;
        _text = text;
        _blockStart = start;
        _carry = AnchorFilter.Carry(text, start);
        _buckets = default;
        _flags = start < text.Length ? filter.Filter(text, start, ref _carry, out _buckets) : 0;
    }

    /// <summary>The first flagged position at or after <paramref name="start"/> (never before the
    /// previous call's <paramref name="start"/>), or the text's length.</summary>
    public int Next(int start)
    {
        while (true)
        {
            int offset = start - _blockStart;
            if (offset < Block)
            {
                ulong flags = offset <= 0 ? _flags : _flags & (ulong.MaxValue << offset);
                if (flags != 0)
                {
                    return _blockStart + BitOperations.TrailingZeroCount(flags);
                }
                start = _blockStart + Block;
            }
            if (start >= _text.Length)
            {
                return _text.Length;
            }
            if (start < _blockStart + 2 * Block)
            {
                _blockStart += Block;   // the next block: the carry is right
            }
            else
            {
                // Further on: filter from there, the carry read afresh.
                _blockStart = start;
                _carry = AnchorFilter.Carry(_text, start);
            }
            _flags = _filter.Filter(_text, _blockStart, ref _carry, out _buckets);
        }
    }

    /// <summary>The bucket bits of a position <see cref="Next"/> returned.</summary>
    public int Buckets(int position) =>
        Unsafe.Add(ref Unsafe.As<Vector512<byte>, byte>(ref _buckets), position - _blockStart);   // one load, no spill of the vector
}
