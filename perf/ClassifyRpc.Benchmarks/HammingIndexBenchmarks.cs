using BenchmarkDotNet.Attributes;
using ClassifyRpc.Imaging;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// Artwork lookups: "every work within distance d of this hash" over 1,000 and 1,000,000 stored hashes
/// (uniformly random, 8 per work), for d = 31 (block) and 45 (review). One operation is one lookup
/// (64 per invocation: half near copies of stored hashes, 5-40 bits away, half unrelated); lookups/s =
/// 1 / mean. The naive baseline is a loop over PdqHash[] with PdqHash.Distance, in the same run.
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*HammingIndex*' --job short
/// </summary>
[MemoryDiagnoser]
public class HammingIndexBenchmarks
{
    private const int Queries = 64;
    private PdqHash[] _stored = [];
    private ImageProbe[] _probes = [];
    private ArtworkCatalog _linear = null!;
    private ArtworkCatalog _multiIndex = null!;
    private readonly List<ArtworkHit> _hits = new(1024);

    [Params(1_000, 1_000_000)]
    public int Hashes { get; set; }

    [Params(31, 45)]
    public int MaxDistance { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1234);
        _stored = new PdqHash[Hashes];
        var works = new List<(int, WorkFingerprint)>(Hashes / 8);
        for (int w = 0; w < Hashes / 8; w++)
        {
            var hashes = new PdqHash[8];
            for (int k = 0; k < 8; k++)
            {
                hashes[k] = _stored[w * 8 + k] = RandomHash(random);
            }
            works.Add((w, new WorkFingerprint(hashes, 100)));
        }
        _linear = ArtworkCatalog.Build(works, useMultiIndex: false);
        _multiIndex = ArtworkCatalog.Build(works, useMultiIndex: true);
        _probes = new ImageProbe[Queries];
        for (int q = 0; q < Queries; q++)
        {
            PdqHash hash = q % 2 == 0 ? Flip(_stored[random.Next(_stored.Length)], random.Next(5, 41), random) : RandomHash(random);
            _probes[q] = ImageProbe.FromHash(hash, 100);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
    public int NaiveLinear()
    {
        int found = 0;
        PdqHash[] stored = _stored;
        foreach (ImageProbe probe in _probes)
        {
            PdqHash query = probe.Hash;
            for (int i = 0; i < stored.Length; i++)
            {
                if (PdqHash.Distance(query, stored[i]) <= MaxDistance)
                {
                    found++;
                }
            }
        }
        return found;
    }

    [Benchmark(OperationsPerInvoke = Queries)]
    public int CatalogLinearScan() => Run(_linear);

    [Benchmark(OperationsPerInvoke = Queries)]
    public int CatalogMultiIndex() => Run(_multiIndex);

    private int Run(ArtworkCatalog catalog)
    {
        int found = 0;
        foreach (ImageProbe probe in _probes)
        {
            _hits.Clear();
            catalog.FindWithin(probe, MaxDistance, _hits);
            found += _hits.Count;
        }
        return found;
    }

    private static PdqHash RandomHash(Random random) =>
        new((ulong)random.NextInt64(long.MinValue, long.MaxValue), (ulong)random.NextInt64(long.MinValue, long.MaxValue),
            (ulong)random.NextInt64(long.MinValue, long.MaxValue), (ulong)random.NextInt64(long.MinValue, long.MaxValue));

    private static PdqHash Flip(PdqHash hash, int bits, Random random)
    {
        Span<ulong> w = [hash.W0, hash.W1, hash.W2, hash.W3];
        for (int flipped = 0; flipped < bits;)
        {
            int bit = random.Next(256);
            ulong mask = 1UL << (bit & 63);
            if ((w[bit >> 6] & mask) == (hash.GetBit(bit) ? mask : 0))
            {
                w[bit >> 6] ^= mask;
                flipped++;
            }
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }
}
