using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Geometry on luma images for the crop and border tricks: copying a window, rotating, finding uniform
/// borders and pasted-in rectangles. Everything works on the (at most 512x512) luma the hasher sees.
/// </summary>
[SkipLocalsInit]
internal static class LumaGeometry
{
    /// <summary>Copies <paramref name="rect"/> of <paramref name="source"/> into a new pooled image.</summary>
    public static LumaImage Crop(in LumaImage source, LumaRect rect)
    {
        var crop = new LumaImage(rect.Height, rect.Width);
        for (int y = 0; y < rect.Height; y++)
        {
            source.Row(rect.Top + y).Slice(rect.Left, rect.Width).CopyTo(crop.Row(y));
        }
        return crop;
    }

    /// <summary>
    /// Rotates by <paramref name="degrees"/> (counter-clockwise as displayed) about the centre on a canvas of
    /// the same size, bilinear, filling uncovered corners with <paramref name="fill"/>: what an editor's
    /// "rotate a little" does to a product photo on a white page.
    /// </summary>
    public static LumaImage Rotate(in LumaImage source, float degrees, float fill)
    {
        int rows = source.Rows, cols = source.Cols;
        if (rows < 2 || cols < 2)
        {
            return Crop(source, new LumaRect(0, 0, cols, rows)); // nothing to interpolate between
        }
        var rotated = new LumaImage(rows, cols);
        double radians = degrees * Math.PI / 180;
        float cos = (float)Math.Cos(radians), sin = (float)Math.Sin(radians);
        float cx = (cols - 1) / 2f, cy = (rows - 1) / 2f;
        float maxX = cols - 1, maxY = rows - 1;
        ref float pixels = ref MemoryMarshal.GetReference(source.Pixels);
        for (int y = 0; y < rows; y++)
        {
            ref float target = ref MemoryMarshal.GetReference(rotated.Row(y));
            float dy = y - cy;
            // Inverse mapping: output (x, y) comes from source (sx, sy), which moves by (cos, sin) per x.
            float sx = -cos * cx - sin * dy + cx;
            float sy = -sin * cx + cos * dy + cy;
            for (int x = 0; x < cols; x++, sx += cos, sy += sin)
            {
                float value = fill;
                if (sx >= 0 && sy >= 0 && sx <= maxX && sy <= maxY)
                {
                    int x0 = Math.Min((int)sx, cols - 2), y0 = Math.Min((int)sy, rows - 2);
                    float fx = sx - x0, fy = sy - y0;
                    ref float p = ref Unsafe.Add(ref pixels, y0 * cols + x0);
                    float top = p + (Unsafe.Add(ref p, 1) - p) * fx;
                    ref float below = ref Unsafe.Add(ref p, cols);
                    float bottom = below + (Unsafe.Add(ref below, 1) - below) * fx;
                    value = top + (bottom - top) * fy;
                }
                Unsafe.Add(ref target, x) = value;
            }
        }
        return rotated;
    }

    /// <summary>
    /// The image without its uniform borders: each side loses rows (columns) whose luma spread is at most
    /// <paramref name="tolerance"/> and whose level is that of the border (so a letterbox of one colour
    /// goes, a plain sky above a subject of another does not go further than the border's colour), never
    /// more than <paramref name="maxFraction"/> of the side. Returns the whole image when there is nothing
    /// to trim.
    /// </summary>
    public static LumaRect TrimUniformBorders(in LumaImage image, float tolerance, float maxFraction)
    {
        int rows = image.Rows, cols = image.Cols;
        int maxRows = (int)(rows * maxFraction), maxCols = (int)(cols * maxFraction);
        float level = image.Row(0)[0];
        int top = 0;
        while (top < maxRows && RowIsLevel(image.Row(top), level, tolerance))
        {
            top++;
        }
        level = image.Row(rows - 1)[cols - 1];
        int bottom = rows;
        while (rows - bottom < maxRows && RowIsLevel(image.Row(bottom - 1), level, tolerance))
        {
            bottom--;
        }
        level = image.Row(0)[0];
        int left = 0;
        while (left < maxCols && ColumnIsLevel(image, left, top, bottom, level, tolerance))
        {
            left++;
        }
        level = image.Row(rows - 1)[cols - 1];
        int right = cols;
        while (cols - right < maxCols && ColumnIsLevel(image, right - 1, top, bottom, level, tolerance))
        {
            right--;
        }
        return new LumaRect(left, top, right - left, bottom - top);
    }

    private static bool RowIsLevel(ReadOnlySpan<float> row, float level, float tolerance)
    {
        foreach (float v in row)
        {
            if (MathF.Abs(v - level) > tolerance)
            {
                return false;
            }
        }
        return true;
    }

    private static bool ColumnIsLevel(in LumaImage image, int x, int top, int bottom, float level, float tolerance)
    {
        ReadOnlySpan<float> pixels = image.Pixels;
        for (int y = top; y < bottom; y++)
        {
            if (MathF.Abs(pixels[y * image.Cols + x] - level) > tolerance)
            {
                return false;
            }
        }
        return true;
    }
}
