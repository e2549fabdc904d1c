using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// The PDQ pipeline from a luma buffer to a 16x16 DCT, a quality and the hash bits, written to compute
/// exactly what Meta's reference C++ computes (pdq/cpp, hashing/pdqhashing.cpp and
/// downscaling/downscaling.cpp): the same single-precision operations in the same order, so the same luma
/// gives the same bits. Vector code only ever runs independent lanes (one column, one DCT output) side
/// by side; it never reorders a sum, and never fuses a multiply with an add (the reference does neither).
/// </summary>
[SkipLocalsInit]
internal static class PdqCore
{
    /// <summary>Images smaller than this on either side hash to zero with quality 0, as in the reference.</summary>
    public const int MinHashableDimension = 5;

    /// <summary>Side of the downsampled image the DCT runs over.</summary>
    public const int DownsampledSide = 64;

    /// <summary>Side of the DCT block kept (frequencies 1-16 in each direction).</summary>
    public const int DctSide = 16;

    /// <summary>The reference runs the rows-then-columns box passes twice: a tent filter.</summary>
    private const int JaroszPasses = 2;

    // Rec. 601 luma, as float constants exactly like the reference's `const float` (0.299 rounded to float).
    public const float LumaFromR = 0.299f;
    public const float LumaFromG = 0.587f;
    public const float LumaFromB = 0.114f;

    /// <summary>The reference's luma for one RGB pixel: float products summed left to right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Luma(byte r, byte g, byte b) => LumaFromR * r + LumaFromG * g + LumaFromB * b;

    /// <summary>
    /// Reference <c>computeJaroszFilterWindowSize</c>: half the number of input pixels per output pixel,
    /// rounded up, because two passes of the box together span a full output pixel.
    /// </summary>
    public static int JaroszWindowSize(int oldDimension, int newDimension) =>
        (oldDimension + 2 * newDimension - 1) / (2 * newDimension);

    /// <summary>
    /// Downsamples <paramref name="buffer1"/> (rows x cols luma, destroyed) to 64x64, computes the quality
    /// and the 16x16 DCT. <paramref name="copyWhen64"/> mirrors the reference's single-hash entry point,
    /// which skips the filter for an input that is already 64x64 (its dihedral entry point does not).
    /// Returns the quality (0-100).
    /// </summary>
    /// <remarks>
    /// The reference filters the whole image twice (rows then columns, twice) and then samples 64x64
    /// pixels. The second pass only matters where it is sampled, so we compute it only there: the second
    /// row pass keeps its running sums over every column but divides and stores only at the 64 sampled
    /// columns, and the second column pass runs down those 64 columns only, storing the 64 sampled rows.
    /// Every value that is computed is computed exactly as the reference computes it.
    /// </remarks>
    public static int LumaToDct(Span<float> buffer1, Span<float> buffer2, int rows, int cols, bool copyWhen64, Span<float> dct)
    {
        Span<float> downsampled = stackalloc float[DownsampledSide * DownsampledSide];
        if (copyWhen64 && rows == DownsampledSide && cols == DownsampledSide)
        {
            buffer1[..downsampled.Length].CopyTo(downsampled);
        }
        else
        {
            JaroszDownsample(buffer1, buffer2, rows, cols, downsampled);
        }
        int quality = Quality(downsampled);
        Dct64To16(downsampled, dct);
        return quality;
    }

    /// <summary>Reference <c>jaroszFilterFloat</c> (2 passes) followed by <c>decimateFloat</c> to 64x64.</summary>
    public static void JaroszDownsample(Span<float> buffer1, Span<float> buffer2, int rows, int cols, Span<float> downsampled)
    {
        int windowAlongRows = JaroszWindowSize(cols, DownsampledSide);
        int windowAlongCols = JaroszWindowSize(rows, DownsampledSide);
        Span<int> sampledRows = stackalloc int[DownsampledSide];
        Span<int> sampledCols = stackalloc int[DownsampledSide];
        DecimationIndices(rows, sampledRows);
        DecimationIndices(cols, sampledCols);

        float[] scratch = ArrayPool<float>.Shared.Rent(Math.Max(2 * Lanes * cols, cols));
        try
        {
            // Pass 1, in full.
            BoxAlongRows(buffer1, buffer2, rows, cols, windowAlongRows, scratch, default);
            BoxAlongCols(buffer2, buffer1, rows, cols, windowAlongCols, scratch, default, default);
            // Pass 2, only where decimation samples: rows x 64 after the row box, then 64 x 64.
            Span<float> compact = buffer2[..(rows * DownsampledSide)];
            BoxAlongRows(buffer1, compact, rows, cols, windowAlongRows, scratch, sampledCols);
            BoxAlongCols(compact, downsampled, rows, DownsampledSide, windowAlongCols, scratch, sampledRows, downsampled);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>The input index under the centre of each of the 64 output pixels, as <c>decimateFloat</c> computes it.</summary>
    public static void DecimationIndices(int size, Span<int> indices)
    {
        for (int i = 0; i < DownsampledSide; i++)
        {
            indices[i] = (int)(((i + 0.5) * size) / DownsampledSide);
        }
    }

    /// <summary>
    /// Reference <c>pdqImageDomainQualityMetric</c>: the sum of quantized neighbour differences of the
    /// 64x64 image, scaled so that 100 means "plenty of significant gradients".
    /// </summary>
    public static int Quality(ReadOnlySpan<float> downsampled)
    {
        int gradientSum = 0;
        for (int i = 0; i < DownsampledSide - 1; i++)
        {
            ReadOnlySpan<float> row = downsampled.Slice(i * DownsampledSide, DownsampledSide);
            ReadOnlySpan<float> next = downsampled.Slice((i + 1) * DownsampledSide, DownsampledSide);
            for (int j = 0; j < DownsampledSide; j++)
            {
                gradientSum += Math.Abs((int)((row[j] - next[j]) * 100f / 255f));
            }
        }
        for (int i = 0; i < DownsampledSide; i++)
        {
            ReadOnlySpan<float> row = downsampled.Slice(i * DownsampledSide, DownsampledSide);
            for (int j = 0; j < DownsampledSide - 1; j++)
            {
                gradientSum += Math.Abs((int)((row[j] - row[j + 1]) * 100f / 255f));
            }
        }
        return Math.Min(gradientSum / 90, 100);
    }

    /// <summary>
    /// Reference <c>dct64To16</c>: B = D A Dt with D the 16x64 DCT-II basis (frequencies 1-16), each
    /// output a float sum over k = 0..63 in order.
    /// </summary>
    public static void Dct64To16(ReadOnlySpan<float> a, Span<float> b)
    {
        ReadOnlySpan<float> d = DctMatrix.Rows;
        ReadOnlySpan<float> dt = DctMatrix.Transposed;
        Span<float> t = stackalloc float[DctSide * DownsampledSide];

        // T = D A: row i of T is sum_k D[i,k] * (row k of A); 8 columns j per vector.
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float tRef = ref MemoryMarshal.GetReference(t);
        for (int i = 0; i < DctSide; i++)
        {
            for (int j = 0; j < DownsampledSide; j += Vector256<float>.Count)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int k = 0; k < DownsampledSide; k++)
                {
                    sum += Vector256.Create(d[i * DownsampledSide + k])
                        * Vector256.LoadUnsafe(ref aRef, (nuint)(k * DownsampledSide + j));
                }
                sum.StoreUnsafe(ref tRef, (nuint)(i * DownsampledSide + j));
            }
        }

        // B = T Dt: B[i, j] = sum_k T[i,k] * D[j,k]; Dt holds D[j,k] at [k, j] so 8 outputs j share a load.
        ref float dtRef = ref MemoryMarshal.GetReference(dt);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        for (int i = 0; i < DctSide; i++)
        {
            for (int j = 0; j < DctSide; j += Vector256<float>.Count)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int k = 0; k < DownsampledSide; k++)
                {
                    sum += Vector256.Create(t[i * DownsampledSide + k])
                        * Vector256.LoadUnsafe(ref dtRef, (nuint)(k * DctSide + j));
                }
                sum.StoreUnsafe(ref bRef, (nuint)(i * DctSide + j));
            }
        }
    }

    private static int Lanes => Vector256<float>.Count;

    /// <summary>
    /// Reference <c>boxAlongRowsFloat</c>. A row's running sum is one long dependency chain, so rows go
    /// eight at a time: interleaved into <paramref name="scratch"/> (element x of row r at x*8 + r), boxed
    /// with one vector lane per row, and spread back. With <paramref name="onlyColumns"/>, the output is
    /// rows x onlyColumns.Length holding just those columns (the sums still run over every column).
    /// </summary>
    public static void BoxAlongRows(ReadOnlySpan<float> input, Span<float> output, int rows, int cols, int window, float[] scratch, ReadOnlySpan<int> onlyColumns)
    {
        int outCols = onlyColumns.IsEmpty ? cols : onlyColumns.Length;
        Span<float> interleaved = scratch.AsSpan(0, Lanes * cols);
        Span<float> boxed = scratch.AsSpan(Lanes * cols, Lanes * cols);
        int r0 = 0;
        for (; r0 + Lanes <= rows; r0 += Lanes)
        {
            // Interleave: 8x8 blocks transposed (rows r0..r0+7 become lanes), the ragged end by hand.
            int x0 = 0;
            if (Avx.IsSupported)
            {
                for (; x0 + Lanes <= cols; x0 += Lanes)
                {
                    Transpose8x8(in input[r0 * cols + x0], (nuint)cols, ref interleaved[x0 * Lanes], (nuint)Lanes);
                }
            }
            for (int r = 0; r < Lanes; r++)
            {
                ReadOnlySpan<float> row = input.Slice((r0 + r) * cols, cols);
                for (int x = x0; x < cols; x++)
                {
                    interleaved[x * Lanes + r] = row[x];
                }
            }
            BoxInterleaved(interleaved, boxed, cols, window);
            if (onlyColumns.IsEmpty && Avx.IsSupported)
            {
                for (x0 = 0; x0 + Lanes <= cols; x0 += Lanes)
                {
                    Transpose8x8(in boxed[x0 * Lanes], (nuint)Lanes, ref output[(r0 * cols) + x0], (nuint)cols);
                }
            }
            else
            {
                x0 = 0;
            }
            for (int r = 0; r < Lanes; r++)
            {
                Span<float> target = output.Slice((r0 + r) * outCols, outCols);
                if (onlyColumns.IsEmpty)
                {
                    for (int x = x0; x < cols; x++)
                    {
                        target[x] = boxed[x * Lanes + r];
                    }
                }
                else
                {
                    for (int j = 0; j < outCols; j++)
                    {
                        target[j] = boxed[onlyColumns[j] * Lanes + r];
                    }
                }
            }
        }
        for (; r0 < rows; r0++)
        {
            Span<float> row = scratch.AsSpan(0, cols);
            Box1D(input.Slice(r0 * cols, cols), row, window);
            Span<float> target = output.Slice(r0 * outCols, outCols);
            if (onlyColumns.IsEmpty)
            {
                row.CopyTo(target);
            }
            else
            {
                for (int j = 0; j < outCols; j++)
                {
                    target[j] = row[onlyColumns[j]];
                }
            }
        }
    }

    /// <summary>
    /// Transposes the 8x8 block whose row i starts at <paramref name="source"/> + i * <paramref name="sourceStride"/>
    /// into the block whose row k starts at <paramref name="destination"/> + k * <paramref name="destinationStride"/>.
    /// Pure data movement (unpack, shuffle, lane permute): values are copied, never computed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref readonly float source, nuint sourceStride, ref float destination, nuint destinationStride)
    {
        ref float src = ref Unsafe.AsRef(in source);
        Vector256<float> r0 = Vector256.LoadUnsafe(ref src);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref src, sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref src, 2 * sourceStride);
        Vector256<float> r3 = Vector256.LoadUnsafe(ref src, 3 * sourceStride);
        Vector256<float> r4 = Vector256.LoadUnsafe(ref src, 4 * sourceStride);
        Vector256<float> r5 = Vector256.LoadUnsafe(ref src, 5 * sourceStride);
        Vector256<float> r6 = Vector256.LoadUnsafe(ref src, 6 * sourceStride);
        Vector256<float> r7 = Vector256.LoadUnsafe(ref src, 7 * sourceStride);

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref destination, destinationStride);
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref destination, 2 * destinationStride);
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref destination, 3 * destinationStride);
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref destination, 4 * destinationStride);
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref destination, 5 * destinationStride);
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref destination, 6 * destinationStride);
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref destination, 7 * destinationStride);
    }

    /// <summary>
    /// Reference <c>box1DFloat</c> over one contiguous vector: a running float sum that grows over the
    /// first half-window, slides, then shrinks, each output the sum divided by the current window length.
    /// </summary>
    public static void Box1D(ReadOnlySpan<float> input, Span<float> output, int window)
    {
        int length = input.Length;
        int half = (window + 2) / 2;
        int phase1 = half - 1;
        int phase2 = window - half + 1;
        int phase3 = length - window;
        int phase4 = half - 1;

        int left = 0, right = 0, o = 0, current = 0;
        float sum = 0f;
        for (int n = 0; n < phase1; n++)
        {
            sum += input[right++];
            current++;
        }
        for (int n = 0; n < phase2; n++)
        {
            sum += input[right++];
            current++;
            output[o++] = sum / current;
        }
        for (int n = 0; n < phase3; n++)
        {
            sum += input[right++];
            sum -= input[left++];
            output[o++] = sum / current;
        }
        for (int n = 0; n < phase4; n++)
        {
            sum -= input[left++];
            current--;
            output[o++] = sum / current;
        }
    }

    /// <summary><see cref="Box1D"/> on eight interleaved vectors at once (one per lane).</summary>
    private static void BoxInterleaved(ReadOnlySpan<float> input, Span<float> output, int length, int window)
    {
        int half = (window + 2) / 2;
        int phase1 = half - 1;
        int phase2 = window - half + 1;
        int phase3 = length - window;
        int phase4 = half - 1;

        ref float inRef = ref MemoryMarshal.GetReference(input);
        ref float outRef = ref MemoryMarshal.GetReference(output);
        nuint left = 0, right = 0, o = 0, step = (nuint)Lanes;
        int current = 0;
        Vector256<float> sum = Vector256<float>.Zero;
        for (int n = 0; n < phase1; n++, right += step)
        {
            sum += Vector256.LoadUnsafe(ref inRef, right);
            current++;
        }
        for (int n = 0; n < phase2; n++, right += step, o += step)
        {
            sum += Vector256.LoadUnsafe(ref inRef, right);
            current++;
            (sum / Vector256.Create((float)current)).StoreUnsafe(ref outRef, o);
        }
        Vector256<float> full = Vector256.Create((float)current);
        for (int n = 0; n < phase3; n++, right += step, left += step, o += step)
        {
            sum += Vector256.LoadUnsafe(ref inRef, right);
            sum -= Vector256.LoadUnsafe(ref inRef, left);
            (sum / full).StoreUnsafe(ref outRef, o);
        }
        for (int n = 0; n < phase4; n++, left += step, o += step)
        {
            sum -= Vector256.LoadUnsafe(ref inRef, left);
            current--;
            (sum / Vector256.Create((float)current)).StoreUnsafe(ref outRef, o);
        }
    }

    /// <summary>
    /// Reference <c>boxAlongColsFloat</c>, swept row by row: one running sum per column, all columns
    /// advanced together by whole rows (vectors across columns, sequential memory), each lane doing
    /// exactly the scalar sequence of its column. With <paramref name="onlyRows"/>, only those output
    /// rows are written, in order, to <paramref name="selected"/> (cols wide).
    /// </summary>
    public static void BoxAlongCols(ReadOnlySpan<float> input, Span<float> output, int rows, int cols, int window, float[] scratch, ReadOnlySpan<int> onlyRows, Span<float> selected)
    {
        int half = (window + 2) / 2;
        int phase1 = half - 1;
        int phase2 = window - half + 1;
        int phase3 = rows - window;
        int phase4 = half - 1;

        Span<float> sums = scratch.AsSpan(0, cols);
        sums.Clear();
        int left = 0, right = 0, o = 0, next = 0, current = 0;
        for (int n = 0; n < phase1; n++)
        {
            AddRow(sums, input.Slice(right++ * cols, cols));
            current++;
        }
        for (int n = 0; n < phase2; n++)
        {
            AddRow(sums, input.Slice(right++ * cols, cols));
            current++;
            Emit(sums, current, o++, output, onlyRows, selected, ref next);
        }
        for (int n = 0; n < phase3; n++)
        {
            AddRow(sums, input.Slice(right++ * cols, cols));
            SubtractRow(sums, input.Slice(left++ * cols, cols));
            Emit(sums, current, o++, output, onlyRows, selected, ref next);
        }
        for (int n = 0; n < phase4; n++)
        {
            SubtractRow(sums, input.Slice(left++ * cols, cols));
            current--;
            Emit(sums, current, o++, output, onlyRows, selected, ref next);
        }

    }

    private static void Emit(ReadOnlySpan<float> sums, int count, int row, Span<float> output, ReadOnlySpan<int> onlyRows, Span<float> selected, ref int next)
    {
        int cols = sums.Length;
        if (onlyRows.IsEmpty)
        {
            DivideRow(sums, count, output.Slice(row * cols, cols));
            return;
        }
        // Sampled rows ascend (and repeat for images under 64 rows): write each one that is this row.
        while (next < onlyRows.Length && onlyRows[next] == row)
        {
            DivideRow(sums, count, selected.Slice(next++ * cols, cols));
        }
    }

    private static void AddRow(Span<float> sums, ReadOnlySpan<float> row)
    {
        int x = 0;
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref float r = ref MemoryMarshal.GetReference(row);
        for (; x + Lanes <= sums.Length; x += Lanes)
        {
            (Vector256.LoadUnsafe(ref s, (nuint)x) + Vector256.LoadUnsafe(ref r, (nuint)x)).StoreUnsafe(ref s, (nuint)x);
        }
        for (; x < sums.Length; x++)
        {
            sums[x] += row[x];
        }
    }

    private static void SubtractRow(Span<float> sums, ReadOnlySpan<float> row)
    {
        int x = 0;
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref float r = ref MemoryMarshal.GetReference(row);
        for (; x + Lanes <= sums.Length; x += Lanes)
        {
            (Vector256.LoadUnsafe(ref s, (nuint)x) - Vector256.LoadUnsafe(ref r, (nuint)x)).StoreUnsafe(ref s, (nuint)x);
        }
        for (; x < sums.Length; x++)
        {
            sums[x] -= row[x];
        }
    }

    private static void DivideRow(ReadOnlySpan<float> sums, int count, Span<float> output)
    {
        int x = 0;
        float divisor = count;
        Vector256<float> d = Vector256.Create(divisor);
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref float t = ref MemoryMarshal.GetReference(output);
        for (; x + Lanes <= sums.Length; x += Lanes)
        {
            (Vector256.LoadUnsafe(ref s, (nuint)x) / d).StoreUnsafe(ref t, (nuint)x);
        }
        for (; x < sums.Length; x++)
        {
            output[x] = sums[x] / divisor;
        }
    }

    /// <summary>
    /// Reference <c>pdqBuffer16x16ToBits</c>: bit i*16+j is set when coefficient (i, j) is above the
    /// median (Torben's median of 256 values is the 128th smallest, which a sort finds just the same).
    /// </summary>
    public static PdqHash ToHash(ReadOnlySpan<float> dct)
    {
        Span<float> sorted = stackalloc float[DctSide * DctSide];
        dct.CopyTo(sorted);
        sorted.Sort();
        float median = sorted[(DctSide * DctSide + 1) / 2 - 1];

        // Bit k = i*16 + j lives in word 3 - k/64 (W0 holds bits 255..192: the first hex digits).
        Span<ulong> words = stackalloc ulong[4];
        words.Clear();
        for (int k = 0; k < DctSide * DctSide; k++)
        {
            if (dct[k] > median)
            {
                words[3 - (k >> 6)] |= 1UL << (k & 63);
            }
        }
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    /// <summary>
    /// The 8 dihedral hashes from one DCT, as the reference derives them (rotations and mirrors of the
    /// image are sign changes and a transpose of its DCT): original, rotate90, rotate180, rotate270,
    /// flipx, flipy, flipplus1, flipminus1.
    /// </summary>
    public static void DihedralHashes(ReadOnlySpan<float> a, Span<PdqHash> eight)
    {
        Span<float> b = stackalloc float[DctSide * DctSide];
        eight[0] = ToHash(a);
        for (int variant = 1; variant < 8; variant++)
        {
            for (int i = 0; i < DctSide; i++)
            {
                for (int j = 0; j < DctSide; j++)
                {
                    float v = a[i * DctSide + j];
                    switch (variant)
                    {
                        case 1: b[j * DctSide + i] = (j & 1) != 0 ? v : -v; break;          // rotate90
                        case 2: b[i * DctSide + j] = ((i + j) & 1) != 0 ? -v : v; break;    // rotate180
                        case 3: b[j * DctSide + i] = (i & 1) != 0 ? v : -v; break;          // rotate270
                        case 4: b[i * DctSide + j] = (i & 1) != 0 ? v : -v; break;          // flipx
                        case 5: b[i * DctSide + j] = (j & 1) != 0 ? v : -v; break;          // flipy
                        case 6: b[j * DctSide + i] = v; break;                              // flipplus1
                        default: b[j * DctSide + i] = ((i + j) & 1) != 0 ? -v : v; break;   // flipminus1
                    }
                }
            }
            eight[variant] = ToHash(b);
        }
    }
}
