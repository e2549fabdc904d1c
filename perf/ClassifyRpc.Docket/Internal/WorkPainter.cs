using SkiaSharp;

namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// Draws a work: a gradient ground under a score of random shapes (discs, rings, rotated bars, polygons; solid or
/// shaded), no text. Each work's drawing comes from its own random stream, so it is the same image every time and
/// unrelated to every other work: their PDQ hashes land ~128 bits apart, and the edges between shapes of different
/// brightness keep PDQ's quality (its sum of gradients) well above 50.
/// </summary>
internal static class WorkPainter
{
    public static byte[] Paint(int seed, int ordinal, int size)
    {
        DocketRandom random = DocketRandom.For(seed, "work", ordinal);
        var info = new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using SKSurface surface = SKSurface.Create(info) ?? throw new InvalidOperationException("SkiaSharp could not create a raster surface");
        SKCanvas canvas = surface.Canvas;

        using (var ground = new SKPaint { IsAntialias = true })
        {
            // Opposite ends of the brightness scale, so the ground's direction is part of the hash.
            float angle = (float)(random.NextDouble() * Math.PI * 2);
            float half = size / 2f;
            var from = new SKPoint(half - half * MathF.Cos(angle), half - half * MathF.Sin(angle));
            var to = new SKPoint(half + half * MathF.Cos(angle), half + half * MathF.Sin(angle));
            using SKShader shader = SKShader.CreateLinearGradient(from, to, [Colour(random, 0.15, 0.45), Colour(random, 0.6, 0.95)], SKShaderTileMode.Clamp);
            ground.Shader = shader;
            canvas.DrawRect(0, 0, size, size, ground);
        }

        int shapes = random.Next(14, 24);
        for (int i = 0; i < shapes; i++)
        {
            DrawShape(canvas, random, size);
        }

        using SKImage image = surface.Snapshot();
        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static void DrawShape(SKCanvas canvas, DocketRandom random, int size)
    {
        float x = (float)(random.NextDouble() * size);
        float y = (float)(random.NextDouble() * size);
        float extent = (float)(size * (0.04 + random.NextDouble() * 0.30));
        using var paint = new SKPaint { IsAntialias = true, Color = Colour(random, 0.05, 0.95) };
        SKShader? shader = null;
        if (random.Chance(0.3))
        {
            shader = SKShader.CreateRadialGradient(new SKPoint(x, y), extent, [Colour(random, 0.05, 0.95), Colour(random, 0.05, 0.95)], SKShaderTileMode.Clamp);
            paint.Shader = shader;
        }
        try
        {
            switch (random.Next(4))
            {
                case 0:
                    canvas.DrawCircle(x, y, extent, paint);
                    break;
                case 1:
                    paint.Style = SKPaintStyle.Stroke;
                    paint.StrokeWidth = extent * (0.15f + (float)random.NextDouble() * 0.3f);
                    canvas.DrawCircle(x, y, extent, paint);
                    break;
                case 2:
                    canvas.Save();
                    canvas.RotateDegrees((float)(random.NextDouble() * 180), x, y);
                    float thickness = extent * (0.15f + (float)random.NextDouble() * 0.5f);
                    canvas.DrawRect(x - extent, y - thickness / 2, extent * 2, thickness, paint);
                    canvas.Restore();
                    break;
                default:
                    using (var builder = new SKPathBuilder())
                    {
                        int corners = random.Next(3, 7);
                        double start = random.NextDouble() * Math.PI * 2;
                        for (int c = 0; c < corners; c++)
                        {
                            double a = start + c * Math.PI * 2 / corners + (random.NextDouble() - 0.5) * 0.8;
                            float r = extent * (0.5f + (float)random.NextDouble() * 0.5f);
                            var corner = new SKPoint(x + r * (float)Math.Cos(a), y + r * (float)Math.Sin(a));
                            if (c == 0)
                            {
                                builder.MoveTo(corner);
                            }
                            else
                            {
                                builder.LineTo(corner);
                            }
                        }
                        builder.Close();
                        using SKPath path = builder.Detach();
                        canvas.DrawPath(path, paint);
                    }
                    break;
            }
        }
        finally
        {
            shader?.Dispose();
        }
    }

    /// <summary>An opaque colour of any hue whose brightness lies between <paramref name="low"/> and <paramref name="high"/>.</summary>
    private static SKColor Colour(DocketRandom random, double low, double high)
    {
        float hue = (float)(random.NextDouble() * 360);
        float saturation = (float)(30 + random.NextDouble() * 70);
        float value = (float)((low + random.NextDouble() * (high - low)) * 100);
        return SKColor.FromHsv(hue, saturation, value);
    }
}
