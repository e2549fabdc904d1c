namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// The reference's 16x64 DCT-II basis (frequencies 1-16 of 64 samples), built with the same double
/// expression and rounded to float like its <c>dct_matrix_64</c>, plus its transpose for the second pass.
/// </summary>
internal static class DctMatrix
{
    private static readonly float[] s_rows = BuildRows();
    private static readonly float[] s_transposed = Transpose(s_rows);

    /// <summary>D[i, k] at i*64 + k.</summary>
    public static ReadOnlySpan<float> Rows => s_rows;

    /// <summary>D[j, k] at k*16 + j.</summary>
    public static ReadOnlySpan<float> Transposed => s_transposed;

    private static float[] BuildRows()
    {
        const int rows = PdqCore.DctSide, cols = PdqCore.DownsampledSide;
        float scale = (float)Math.Sqrt(2.0 / cols);
        var d = new float[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                // float * double is a double product in C++, rounded once when stored.
                d[i * cols + j] = (float)(scale * Math.Cos(Math.PI / 2.0 / cols * (i + 1) * (2 * j + 1)));
            }
        }
        return d;
    }

    private static float[] Transpose(float[] d)
    {
        const int rows = PdqCore.DctSide, cols = PdqCore.DownsampledSide;
        var t = new float[rows * cols];
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < cols; k++)
            {
                t[k * rows + i] = d[i * cols + k];
            }
        }
        return t;
    }
}
