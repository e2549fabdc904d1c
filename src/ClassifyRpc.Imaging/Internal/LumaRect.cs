namespace ClassifyRpc.Imaging.Internal;

/// <summary>A rectangle of a luma image: rows [Top, Top + Height), columns [Left, Left + Width).</summary>
internal readonly record struct LumaRect(int Left, int Top, int Width, int Height)
{
    public int Right => Left + Width;

    public int Bottom => Top + Height;

    /// <summary>The centred rectangle <paramref name="scale"/> times the size of a rows x cols image.</summary>
    public static LumaRect Centered(int rows, int cols, float scale)
    {
        int width = Math.Max(1, (int)MathF.Round(cols * scale));
        int height = Math.Max(1, (int)MathF.Round(rows * scale));
        return new LumaRect((cols - width) / 2, (rows - height) / 2, width, height);
    }
}
