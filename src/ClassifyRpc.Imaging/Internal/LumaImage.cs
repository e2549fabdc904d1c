using System.Buffers;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// A decoded image as the reference hashes it: one float luma per pixel, row-major, in a pooled buffer
/// that <see cref="Dispose"/> returns. A mutable struct used with <c>using</c>, never copied.
/// </summary>
internal struct LumaImage : IDisposable
{
    private float[]? _buffer;

    public LumaImage(int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        _buffer = ArrayPool<float>.Shared.Rent(rows * cols);
    }

    public int Rows { get; }

    public int Cols { get; }

    public readonly Span<float> Pixels => _buffer.AsSpan(0, Rows * Cols);

    public readonly Span<float> Row(int row) => _buffer.AsSpan(row * Cols, Cols);

    public void Dispose()
    {
        float[]? buffer = _buffer;
        _buffer = null;
        if (buffer is not null)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }
}
