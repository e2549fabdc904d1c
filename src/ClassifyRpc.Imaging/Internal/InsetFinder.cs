using System.Buffers;
using System.Runtime.CompilerServices;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Finds rectangles pasted into an image (a product shot inside a banner, a work placed on a photo): an
/// axis-aligned rectangle whose four sides are sharp straight edges.
/// </summary>
/// <remarks>
/// Drawn content rarely has long straight edges on all four sides of a rectangle; a pasted image always
/// does. Columns (rows) where many pixels differ sharply from their left (upper) neighbour are the
/// candidate sides; every pair of candidate columns with every pair of candidate rows is a rectangle,
/// scored by the fraction of each side that really is an edge (the weakest side counts). Prefix sums over
/// the candidate lines make each rectangle O(1).
/// </remarks>
[SkipLocalsInit]
internal static class InsetFinder
{
    /// <summary>A luma step at least this large is an edge (of 255).</summary>
    private const float EdgeStep = 6f;

    /// <summary>Candidate lines kept per direction.</summary>
    private const int Candidates = 8;

    /// <summary>A candidate line must be an edge along at least this fraction of the image.</summary>
    private const float MinLineFraction = 0.15f;

    /// <summary>An inset is at least this fraction of the image on each side, and at most <see cref="MaxSide"/>.</summary>
    private const float MinSide = 0.25f;

    private const float MaxSide = 0.95f;

    /// <summary>Each of the four sides must be an edge along at least this fraction of its length.</summary>
    private const float MinCoverage = 0.5f;

    /// <summary>Writes up to <c>found.Length</c> insets, best first, and returns how many.</summary>
    public static int Find(in LumaImage image, Span<LumaRect> found)
    {
        int rows = image.Rows, cols = image.Cols;
        if (rows < 16 || cols < 16 || found.IsEmpty)
        {
            return 0;
        }
        ReadOnlySpan<float> pixels = image.Pixels;

        // Edge counts per column (step from the left neighbour) and per row (step from the row above).
        Span<int> columnEdges = stackalloc int[cols];
        Span<int> rowEdges = stackalloc int[rows];
        columnEdges.Clear();
        rowEdges.Clear();
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<float> row = pixels.Slice(y * cols, cols);
            int count = 0;
            for (int x = 1; x < cols; x++)
            {
                if (MathF.Abs(row[x] - row[x - 1]) >= EdgeStep)
                {
                    columnEdges[x]++;
                }
                if (y > 0 && MathF.Abs(row[x] - pixels[(y - 1) * cols + x]) >= EdgeStep)
                {
                    count++;
                }
            }
            rowEdges[y] = count;
        }

        Span<int> xs = stackalloc int[Candidates];
        Span<int> ys = stackalloc int[Candidates];
        int nx = PickLines(columnEdges, (int)(rows * MinLineFraction), xs);
        int ny = PickLines(rowEdges, (int)(cols * MinLineFraction), ys);
        if (nx < 2 || ny < 2)
        {
            return 0;
        }

        // Prefix sums of edge flags along each candidate line: O(1) coverage of any segment of it.
        int[] prefixBuffer = ArrayPool<int>.Shared.Rent(nx * (rows + 1) + ny * (cols + 1));
        try
        {
            Span<int> columnPrefix = prefixBuffer.AsSpan(0, nx * (rows + 1));
            Span<int> rowPrefix = prefixBuffer.AsSpan(nx * (rows + 1), ny * (cols + 1));
            for (int i = 0; i < nx; i++)
            {
                Span<int> prefix = columnPrefix.Slice(i * (rows + 1), rows + 1);
                int x = xs[i];
                prefix[0] = 0;
                for (int y = 0; y < rows; y++)
                {
                    int p = y * cols + x;
                    prefix[y + 1] = prefix[y] + (MathF.Abs(pixels[p] - pixels[p - 1]) >= EdgeStep ? 1 : 0);
                }
            }
            for (int i = 0; i < ny; i++)
            {
                Span<int> prefix = rowPrefix.Slice(i * (cols + 1), cols + 1);
                int y = ys[i];
                prefix[0] = 0;
                for (int x = 0; x < cols; x++)
                {
                    int p = y * cols + x;
                    prefix[x + 1] = prefix[x] + (MathF.Abs(pixels[p] - pixels[p - cols]) >= EdgeStep ? 1 : 0);
                }
            }

            Span<float> scores = stackalloc float[found.Length];
            int kept = 0;
            for (int a = 0; a < nx; a++)
            {
                for (int b = 0; b < nx; b++)
                {
                    int left = xs[a], right = xs[b];
                    int width = right - left;
                    if (width < cols * MinSide || width > cols * MaxSide)
                    {
                        continue;
                    }
                    for (int c = 0; c < ny; c++)
                    {
                        for (int d = 0; d < ny; d++)
                        {
                            int top = ys[c], bottom = ys[d];
                            int height = bottom - top;
                            if (height < rows * MinSide || height > rows * MaxSide)
                            {
                                continue;
                            }
                            float score = Coverage(columnPrefix.Slice(a * (rows + 1), rows + 1), top, bottom);
                            score = MathF.Min(score, Coverage(columnPrefix.Slice(b * (rows + 1), rows + 1), top, bottom));
                            score = MathF.Min(score, Coverage(rowPrefix.Slice(c * (cols + 1), cols + 1), left, right));
                            score = MathF.Min(score, Coverage(rowPrefix.Slice(d * (cols + 1), cols + 1), left, right));
                            if (score >= MinCoverage)
                            {
                                kept = Insert(found, scores, kept, new LumaRect(left, top, width, height), score);
                            }
                        }
                    }
                }
            }
            return kept;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(prefixBuffer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Coverage(ReadOnlySpan<int> prefix, int from, int to) => (float)(prefix[to] - prefix[from]) / (to - from);

    /// <summary>The strongest lines (local maxima, at least <paramref name="minimum"/> edge pixels), by position.</summary>
    private static int PickLines(Span<int> edges, int minimum, Span<int> picked)
    {
        int count = 0;
        Span<int> strength = stackalloc int[picked.Length];
        for (int i = 1; i < edges.Length; i++)
        {
            int e = edges[i];
            if (e < minimum || e < edges[i - 1] || (i + 1 < edges.Length && e < edges[i + 1]))
            {
                continue;
            }
            // Keep the strongest `picked.Length` lines.
            int slot = count < picked.Length ? count++ : -1;
            if (slot < 0)
            {
                int weakest = 0;
                for (int k = 1; k < picked.Length; k++)
                {
                    if (strength[k] < strength[weakest])
                    {
                        weakest = k;
                    }
                }
                if (strength[weakest] >= e)
                {
                    continue;
                }
                slot = weakest;
            }
            picked[slot] = i;
            strength[slot] = e;
        }
        picked[..count].Sort();
        return count;
    }

    /// <summary>Keeps the best-scoring rectangles, dropping one that nearly repeats a better one.</summary>
    private static int Insert(Span<LumaRect> found, Span<float> scores, int kept, LumaRect rect, float score)
    {
        for (int i = 0; i < kept; i++)
        {
            if (NearlySame(found[i], rect))
            {
                if (score > scores[i])
                {
                    found[i] = rect;
                    scores[i] = score;
                }
                return kept;
            }
        }
        int position;
        if (kept < found.Length)
        {
            position = kept++;
        }
        else
        {
            position = found.Length - 1;
            if (scores[position] >= score)
            {
                return kept;
            }
        }
        found[position] = rect;
        scores[position] = score;
        // Bubble into place (best first).
        for (int i = position; i > 0 && scores[i] > scores[i - 1]; i--)
        {
            (found[i], found[i - 1]) = (found[i - 1], found[i]);
            (scores[i], scores[i - 1]) = (scores[i - 1], scores[i]);
        }
        return kept;
    }

    private static bool NearlySame(LumaRect a, LumaRect b)
    {
        int slack = Math.Max(2, Math.Min(a.Width, a.Height) / 20);
        return Math.Abs(a.Left - b.Left) <= slack && Math.Abs(a.Top - b.Top) <= slack
            && Math.Abs(a.Right - b.Right) <= slack && Math.Abs(a.Bottom - b.Bottom) <= slack;
    }
}
