using Xunit;

namespace ClassifyRpc.Imaging.Tests;

public sealed class ArtworkCatalogTests
{
    private static PdqHash RandomHash(Random random) =>
        new((ulong)random.NextInt64(long.MinValue, long.MaxValue), (ulong)random.NextInt64(long.MinValue, long.MaxValue),
            (ulong)random.NextInt64(long.MinValue, long.MaxValue), (ulong)random.NextInt64(long.MinValue, long.MaxValue));

    /// <summary>Flips <paramref name="bits"/> distinct random bits.</summary>
    internal static PdqHash Flip(PdqHash hash, int bits, Random random)
    {
        Span<ulong> w = [hash.W0, hash.W1, hash.W2, hash.W3];
        var chosen = new HashSet<int>();
        while (chosen.Count < bits)
        {
            chosen.Add(random.Next(256));
        }
        foreach (int bit in chosen)
        {
            w[bit >> 6] ^= 1UL << (bit & 63);
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    private static Dictionary<int, int> BruteForce(List<(int Work, PdqHash Hash)> stored, IEnumerable<PdqHash> lookups, int maxDistance)
    {
        var best = new Dictionary<int, int>();
        foreach (PdqHash lookup in lookups)
        {
            foreach ((int work, PdqHash hash) in stored)
            {
                int d = PdqHash.Distance(lookup, hash);
                if (d <= maxDistance && (!best.TryGetValue(work, out int old) || d < old))
                {
                    best[work] = d;
                }
            }
        }
        return best;
    }

    [Theory]
    [InlineData(50, 8, 1, false)]
    [InlineData(50, 8, 1, true)]
    [InlineData(300, 12, 2, false)]
    [InlineData(300, 12, 2, true)]
    [InlineData(3000, 8, 3, true)]
    public void FindWithin_EqualsBruteForce(int works, int hashesPerWork, int seed, bool multiIndex)
    {
        var random = new Random(seed);
        var stored = new List<(int, PdqHash)>();
        var fingerprints = new List<(int, WorkFingerprint)>();
        for (int w = 0; w < works; w++)
        {
            PdqHash[] hashes = Enumerable.Range(0, hashesPerWork).Select(_ => RandomHash(random)).ToArray();
            fingerprints.Add((w, new WorkFingerprint(hashes, 100)));
            stored.AddRange(hashes.Select(h => (w, h)));
        }
        ArtworkCatalog catalog = ArtworkCatalog.Build(fingerprints, multiIndex);
        Assert.Equal(works * hashesPerWork, catalog.HashCount);
        Assert.Equal(multiIndex, catalog.UsesMultiIndex);

        for (int q = 0; q < 60; q++)
        {
            // Near copies of stored hashes (0-60 bits away), and unrelated hashes.
            var (_, near) = stored[random.Next(stored.Count)];
            PdqHash[] lookups = [Flip(near, random.Next(0, 61), random), RandomHash(random), Flip(stored[random.Next(stored.Count)].Item2, random.Next(0, 50), random)];
            foreach (int maxDistance in new[] { 0, 10, 15, 16, 31, 32, 45, 47, 48, 64 })
            {
                var hits = new List<ArtworkHit> { new(-1, 999) };
                catalog.FindWithin(new ImageProbe(lookups[0], 100, lookups), maxDistance, hits);
                Assert.Equal(new ArtworkHit(-1, 999), hits[0]); // appends, never touches what was there
                var found = hits.Skip(1).ToDictionary(h => h.WorkOrdinal, h => h.Distance);
                Assert.Equal(hits.Count - 1, found.Count); // one hit per work
                Assert.Equal(BruteForce(stored, lookups, maxDistance).OrderBy(p => p.Key), found.OrderBy(p => p.Key));
            }
        }
    }

    [Fact]
    public void LargeCatalogs_UseTheMultiIndex()
    {
        var random = new Random(9);
        var fingerprints = Enumerable.Range(0, ArtworkCatalog.MultiIndexThreshold / 8)
            .Select(w => (w, new WorkFingerprint(Enumerable.Range(0, 8).Select(_ => RandomHash(random)).ToArray(), 100)))
            .ToList();
        Assert.True(ArtworkCatalog.Build(fingerprints).UsesMultiIndex);
        Assert.False(ArtworkCatalog.Build(fingerprints.Take(10).ToList()).UsesMultiIndex);
    }

    [Fact]
    public void Build_StoresEachHashOfAWorkOnce_AndWorksMayShareOrdinals()
    {
        var h = new PdqHash(1, 2, 3, 4);
        var g = new PdqHash(5, 6, 7, 8);
        ArtworkCatalog catalog = ArtworkCatalog.Build([
            (0, new WorkFingerprint([h, h, g], 100)),
            (0, new WorkFingerprint([g], 100)),   // a second file of work 0
            (1, new WorkFingerprint([h], 100)),
        ]);
        Assert.Equal(3, catalog.HashCount);
        var hits = new List<ArtworkHit>();
        catalog.FindWithin(ImageProbe.FromHash(h, 100), 0, hits);
        Assert.Equal([new ArtworkHit(0, 0), new ArtworkHit(1, 0)], hits.OrderBy(x => x.WorkOrdinal));
    }

    [Fact]
    public void Empty_FindsNothing()
    {
        var hits = new List<ArtworkHit>();
        ArtworkCatalog.Empty.FindWithin(ImageProbe.FromHash(default, 100), 256, hits);
        Assert.Empty(hits);
        Assert.Equal(0, ArtworkCatalog.Empty.HashCount);
    }

    [Fact]
    public void Arguments_AreChecked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ArtworkCatalog.Build([(-1, new WorkFingerprint([default], 100))]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArtworkCatalog.Empty.FindWithin(ImageProbe.FromHash(default, 100), -1, []));
    }
}
