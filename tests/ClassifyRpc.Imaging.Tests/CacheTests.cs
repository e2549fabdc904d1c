using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Imaging.Tests;

public sealed class CacheTests
{
    private static readonly PdqHasher s_hasher = new(ImageLimits.Default);

    private static byte[][] DistinctImages(int count) =>
        Enumerable.Range(0, count).Select(i => TestImages.Png(32, 32, (x, y) => ((byte)(x * i), (byte)(y + i), (byte)(x ^ y), 255))).ToArray();

    [Fact]
    public void ImageHashCache_ReturnsTheHasherResult_AndKeepsOneEntryPerContent()
    {
        var cache = new ImageHashCache(s_hasher, 100);
        byte[] png = File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "womp-bear.png"));
        PdqResult expected = s_hasher.Hash(png);
        Assert.Equal(expected, cache.GetOrHash(png));
        Assert.Equal(1, cache.Count);
        Assert.Equal(expected, cache.GetOrHash(png.ToArray())); // same content, another array
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void ImageHashCache_StaysWithinCapacity()
    {
        var cache = new ImageHashCache(s_hasher, 8);
        byte[][] images = DistinctImages(40);
        foreach (byte[] image in images)
        {
            Assert.Equal(s_hasher.Hash(image), cache.GetOrHash(image));
            Assert.InRange(cache.Count, 1, 8);
        }
        // Recent entries survive; results stay right whether they come from the cache or not.
        foreach (byte[] image in images)
        {
            Assert.Equal(s_hasher.Hash(image), cache.GetOrHash(image));
        }
        Assert.InRange(cache.Count, 1, 8);
    }

    [Fact]
    public void ImageHashCache_RemembersErrors()
    {
        var cache = new ImageHashCache(s_hasher, 8);
        byte[] junk = "not an image"u8.ToArray();
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(ImageErrorKind.NotAnImage, Assert.Throws<ImageDecodeException>(() => cache.GetOrHash(junk)).Kind);
        }
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void ImageHashCache_IsThreadSafe()
    {
        var cache = new ImageHashCache(s_hasher, 6);
        byte[][] images = DistinctImages(10);
        PdqResult[] expected = images.Select(i => s_hasher.Hash(i)).ToArray();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            Assert.Equal(expected[i % images.Length], cache.GetOrHash(images[i % images.Length])));
        Assert.InRange(cache.Count, 1, 6 + 4);
    }

    [Fact]
    public void WorkHashCache_ComputesEachContentOnce()
    {
        var cache = new WorkHashCache(new ImageProber(s_hasher));
        byte[] png = File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "cam-the-cat.png"));
        WorkFingerprint first = cache.GetOrCompute(png);
        Assert.Same(first, cache.GetOrCompute(png.ToArray()));
        Assert.Equal(1, cache.Count);
        Assert.NotSame(first, cache.GetOrCompute(File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "womp-bear.png"))));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void WorkHashCache_ReportsDecodeErrors()
    {
        var cache = new WorkHashCache(new ImageProber(s_hasher));
        Assert.Equal(ImageErrorKind.Corrupt, Assert.Throws<ImageDecodeException>(() =>
            cache.GetOrCompute(File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "cam-the-cat.png")).AsSpan(0, 500))).Kind);
        Assert.Equal(0, cache.Count);
    }
}
