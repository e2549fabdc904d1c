using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using ClassifyRpc.Imaging.Internal;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>Decoding: errors are per image and say why, limits are checked before pixels are decoded, and
/// each pixel format reaches the luma the reference would compute.</summary>
public sealed class DecodeTests
{
    private static readonly PdqHasher s_hasher = new(ImageLimits.Default);

    [Fact]
    public void Empty_IsRefused()
    {
        var ex = Assert.Throws<ImageDecodeException>(() => s_hasher.Hash([]));
        Assert.Equal(ImageErrorKind.Empty, ex.Kind);
    }

    [Fact]
    public void TooManyBytes_IsRefusedBeforeDecoding()
    {
        byte[] png = File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "cam-the-cat.png"));
        var hasher = new PdqHasher(new ImageLimits { MaxBytes = png.Length - 1 });
        var ex = Assert.Throws<ImageDecodeException>(() => hasher.Hash(png));
        Assert.Equal(ImageErrorKind.TooManyBytes, ex.Kind);
        Assert.Contains(png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Equal(new PdqHasher(new ImageLimits { MaxBytes = png.Length }).Hash(png), s_hasher.Hash(png));
    }

    [Theory]
    [InlineData("hello, this is not an image at all")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    public void NonImage_IsNotAnImage(string text)
    {
        var ex = Assert.Throws<ImageDecodeException>(() => s_hasher.Hash(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(ImageErrorKind.NotAnImage, ex.Kind);
    }

    [Theory]
    [InlineData("registry", "cam-the-cat.png")]
    [InlineData("pdq-reference", "bridge-mods/square-512x512.jpg")]
    [InlineData("pdq-reference", "dih/bridge-2-rotate-90.jpg")] // progressive
    public void Truncated_IsCorrupt(string root, string file)
    {
        string path = root == "registry"
            ? Path.Combine(RepoPaths.DefaultRegistry, "works", file)
            : RepoPaths.Data(root, file);
        byte[] whole = File.ReadAllBytes(path);
        foreach (int length in new[] { 12, whole.Length / 2, whole.Length - 40 })
        {
            var ex = Assert.Throws<ImageDecodeException>(() => s_hasher.Hash(whole.AsSpan(0, length)));
            Assert.Equal(ImageErrorKind.Corrupt, ex.Kind);
        }
    }

    [Fact]
    public void DecompressionBomb_IsRefusedFromTheHeader()
    {
        // 100,000 x 100,000 RGB declared in 60 bytes: refused on the declared size, nothing decoded.
        byte[] bomb = PngHeaderOnly(100_000, 100_000);
        var ex = Assert.Throws<ImageDecodeException>(() => s_hasher.Hash(bomb));
        Assert.Equal(ImageErrorKind.TooManyPixels, ex.Kind);
        Assert.Contains("100000x100000", ex.Message);
    }

    [Fact]
    public void PixelLimits_AreConfigurable()
    {
        byte[] png = TestImages.Png(100, 20, TestImages.Pattern);
        Assert.Equal(ImageErrorKind.TooManyPixels,
            Assert.Throws<ImageDecodeException>(() => new PdqHasher(new ImageLimits { MaxDimension = 99 }).Hash(png)).Kind);
        Assert.Equal(ImageErrorKind.TooManyPixels,
            Assert.Throws<ImageDecodeException>(() => new PdqHasher(new ImageLimits { MaxPixels = 1999 }).Hash(png)).Kind);
        new PdqHasher(new ImageLimits { MaxDimension = 100, MaxPixels = 2000 }).Hash(png);
    }

    [Fact]
    public void TinyImage_HashesToZeroWithQualityZero()
    {
        // The reference leaves images under 5 pixels a side unhashed.
        PdqResult result = s_hasher.Hash(TestImages.Png(4, 40, TestImages.Pattern));
        Assert.Equal(default, result.Hash);
        Assert.Equal(0, result.Quality);
        Assert.NotEqual(default, s_hasher.Hash(TestImages.Png(5, 40, TestImages.Pattern)).Hash);
    }

    [Fact]
    public void Grey_LumaIsTheGreyValue()
    {
        byte[] png = TestImages.GreyPng(37, 29, (x, y) => (byte)(x * 7 + y * 3));
        using LumaImage luma = LumaDecoder.Decode(png, ImageLimits.Default);
        Assert.Equal((29, 37), (luma.Rows, luma.Cols));
        for (int y = 0; y < 29; y++)
        {
            for (int x = 0; x < 37; x++)
            {
                Assert.Equal((float)(byte)(x * 7 + y * 3), luma.Row(y)[x]);
            }
        }
    }

    [Fact]
    public void Alpha_IsIgnoredLikeTheReference()
    {
        // The reference reads the colour channels of an RGBA image and drops alpha: what is under a
        // transparent pixel counts. (tests/data/pdq-reference/misc/c.png, RGBA, hashes identically.)
        byte[] png = TestImages.Png(16, 16, (x, y) => ((byte)(x * 16), (byte)(y * 16), 77, (byte)(x < 8 ? 0 : 255)));
        using LumaImage luma = LumaDecoder.Decode(png, ImageLimits.Default);
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 16; x++)
            {
                Assert.Equal(PdqCore.Luma((byte)(x * 16), (byte)(y * 16), 77), luma.Row(y)[x]);
            }
        }
    }

    [Fact]
    public void SixteenBit_IsScaledToEightBit()
    {
        Func<int, int, (byte, byte, byte)> pixel = (x, y) => ((byte)(x * 5), (byte)(255 - y * 3), (byte)((x * y) & 0xFF));
        byte[] png16 = TestImages.Png16(50, 40, pixel);
        byte[] png8 = TestImages.Png(50, 40, (x, y) => { var (r, g, b) = pixel(x, y); return (r, g, b, 255); });
        Assert.NotEqual(png8.Length, png16.Length);
        using LumaImage luma = LumaDecoder.Decode(png16, ImageLimits.Default);
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 50; x++)
            {
                var (r, g, b) = pixel(x, y);
                Assert.Equal(PdqCore.Luma(r, g, b), luma.Row(y)[x]);
            }
        }
        Assert.Equal(s_hasher.Hash(png8), s_hasher.Hash(png16));
    }

    [Theory]
    [InlineData(1024, 600)]
    [InlineData(700, 300)]   // wider than 512 only: rows are repeated to 512
    [InlineData(513, 513)]
    public void LargerThan512_IsNearestNeighbourResampledTo512Square(int width, int height)
    {
        Func<int, int, (byte, byte, byte, byte)> pixel = (x, y) => ((byte)(x * 13 + y), (byte)(y * 7), (byte)(x ^ y), 255);
        byte[] png = TestImages.Png(width, height, pixel);
        using LumaImage luma = LumaDecoder.Decode(png, ImageLimits.Default);
        Assert.Equal((512, 512), (luma.Rows, luma.Cols));
        for (int y = 0; y < 512; y++)
        {
            for (int x = 0; x < 512; x++)
            {
                var (r, g, b, _) = pixel(x * width / 512, y * height / 512);
                Assert.Equal(PdqCore.Luma(r, g, b), luma.Row(y)[x]);
            }
        }
    }

    [Fact]
    public void Hash_IsThreadSafe()
    {
        string[] files = Directory.GetFiles(RepoPaths.Data("pdq-reference", "bridge-mods"));
        PdqResult[] expected = files.Select(f => s_hasher.Hash(File.ReadAllBytes(f))).ToArray();
        byte[][] bytes = files.Select(File.ReadAllBytes).ToArray();
        Parallel.For(0, files.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            Assert.Equal(expected[i % files.Length], s_hasher.Hash(bytes[i % files.Length])));
    }

    /// <summary>A PNG signature, an IHDR declaring the size, an empty IDAT and IEND: valid chunks, no pixels.</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // RGB
        WriteChunk(output, "IHDR", ihdr);
        WriteChunk(output, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        output.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typeAndData));
        output.Write(word);
    }
}
