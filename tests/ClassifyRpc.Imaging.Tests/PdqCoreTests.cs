using ClassifyRpc.Imaging.Internal;
using Xunit;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>
/// The optimized filter (rows eight at a time, columns swept, second pass only where sampled) against a
/// literal transcription of the reference's <c>jaroszFilterFloat</c> + <c>decimateFloat</c>: bit for bit,
/// over sizes that exercise every edge (fewer than 8 rows, fewer than 64, odd widths, window 1 to 4).
/// </summary>
public sealed class PdqCoreTests
{
    [Theory]
    [InlineData(5, 5)]
    [InlineData(7, 300)]
    [InlineData(300, 7)]
    [InlineData(9, 9)]
    [InlineData(64, 64)]
    [InlineData(100, 37)]
    [InlineData(129, 255)]
    [InlineData(256, 256)]
    [InlineData(512, 512)]
    [InlineData(511, 333)]
    public void JaroszDownsample_IsBitIdenticalToTheReferenceLoops(int rows, int cols)
    {
        var random = new Random(rows * 1000 + cols);
        float[] luma = new float[rows * cols];
        for (int i = 0; i < luma.Length; i++)
        {
            luma[i] = PdqCore.Luma((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        }

        float[] expected = ReferenceDownsample((float[])luma.Clone(), rows, cols);

        float[] buffer1 = (float[])luma.Clone();
        float[] buffer2 = new float[rows * Math.Max(cols, 64)];
        float[] actual = new float[64 * 64];
        PdqCore.JaroszDownsample(buffer1, buffer2, rows, cols, actual);

        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"pixel {i}: reference {expected[i]:R}, ours {actual[i]:R}");
        }
    }

    private static float[] ReferenceDownsample(float[] buffer1, int rows, int cols)
    {
        float[] buffer2 = new float[rows * cols];
        int alongRows = (cols + 127) / 128, alongCols = (rows + 127) / 128;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < rows; i++)
            {
                Box(buffer1, buffer2, i * cols, cols, 1, alongRows);
            }
            for (int j = 0; j < cols; j++)
            {
                Box(buffer2, buffer1, j, rows, cols, alongCols);
            }
        }
        float[] output = new float[64 * 64];
        for (int i = 0; i < 64; i++)
        {
            int ini = (int)(((i + 0.5) * rows) / 64);
            for (int j = 0; j < 64; j++)
            {
                int inj = (int)(((j + 0.5) * cols) / 64);
                output[i * 64 + j] = buffer1[ini * cols + inj];
            }
        }
        return output;
    }

    // box1DFloat, transcribed.
    private static void Box(float[] input, float[] output, int start, int length, int stride, int window)
    {
        int half = (window + 2) / 2;
        int p1 = half - 1, p2 = window - half + 1, p3 = length - window, p4 = half - 1;
        int li = start, ri = start, oi = start, current = 0;
        float sum = 0;
        for (int i = 0; i < p1; i++) { sum += input[ri]; current++; ri += stride; }
        for (int i = 0; i < p2; i++) { sum += input[ri]; current++; output[oi] = sum / current; ri += stride; oi += stride; }
        for (int i = 0; i < p3; i++) { sum += input[ri]; sum -= input[li]; output[oi] = sum / current; li += stride; ri += stride; oi += stride; }
        for (int i = 0; i < p4; i++) { sum -= input[li]; current--; output[oi] = sum / current; li += stride; oi += stride; }
    }
}
