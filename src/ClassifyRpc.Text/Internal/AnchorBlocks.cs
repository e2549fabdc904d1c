using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Where an <see cref="AnchorFilter"/> walk over one text stands: the block of 64 code units last
/// filtered, its flags and bucket bits, and the kept code units that close it (the next block's
/// carry). The filter and the text are passed to each call rather than held.
/// </summary>
/// <remarks>
/// It holds no reference, so a scan keeps one in its frame from one region to the next without the
/// runtime zeroing it on every call (a struct holding references is zeroed in the prologue of each
/// method that has one, and the copies the JIT makes of it multiply that: over a kilobyte per call
/// when the <see cref="AnchorCursor"/> itself was kept). <see cref="AnchorCursor"/> wraps one with
/// its filter and text for one-off walks.
/// </remarks>
internal struct AnchorBlocks
{
    private const int Block = 64;

    private int _blockStart;
    private bool _started;
    private ulong _flags;
    private Vector512<byte> _buckets;
    private Vector512<byte> _carry;

    /// <summary>Whether <see cref="Start"/> was called (not <c>default</c>).</summary>
    public readonly bool IsStarted => _started;

    /// <summary>Filters the block from <paramref name="start"/>, the carry read from the text.</summary>
    public void Start(AnchorFilter filter, ReadOnlySpan<char> text, int start)
    {
        _started = true;
        _blockStart = start;
        _carry = AnchorFilter.Carry(text, start);
        _buckets = default;
        _flags = start < text.Length ? filter.Filter(text, start, ref _carry, out _buckets) : 0;
    }

    /// <summary>The first flagged position at or after <paramref name="start"/> (never before the
    /// previous call's <paramref name="start"/>), or the text's length.</summary>
    public int Next(AnchorFilter filter, ReadOnlySpan<char> text, int start)
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
            if (start >= text.Length)
            {
                return text.Length;
            }
            if (start < _blockStart + 2 * Block)
            {
                _blockStart += Block;   // the next block: the carry is right
            }
            else
            {
                // Further on: filter from there, the carry read afresh.
                _blockStart = start;
                _carry = AnchorFilter.Carry(text, start);
            }
            _flags = filter.Filter(text, _blockStart, ref _carry, out _buckets);
        }
    }

    /// <summary>The bucket bits of a position <see cref="Next"/> returned.</summary>
    public int Buckets(int position) =>
        Unsafe.Add(ref Unsafe.As<Vector512<byte>, byte>(ref _buckets), position - _blockStart);   // one load, no spill of the vector
}
