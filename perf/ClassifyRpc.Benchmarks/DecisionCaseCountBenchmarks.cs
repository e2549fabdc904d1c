using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ClassifyRpc.Decisions;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;
using ClassifyRpc.V1;
using Channel = ClassifyRpc.V1.Channel;
using RegistryVerdict = ClassifyRpc.Registry.Verdict;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// What the number of court orders costs: the public corpus (3,000 listings, no images) as one ADVERTISING
/// batch on one thread, on the bundled registry (3 cases) and on those 3 cases plus 9,997 generated ones
/// (5 marks and 10 notices each; 200 defendants each, drawn from 100,000 storefronts that include the
/// corpus's, so a corpus storefront is named by about 20 orders; every 10th any_seller with 3 authorized
/// sellers instead; 1,000 with one work). No generated mark, notice or work is in the corpus, so both
/// registries give the same decisions (checked at setup): the ratio is what the orders cost by their
/// number alone. The large setup prints what the classifier's per-snapshot index costs in memory.
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*DecisionCaseCount*' --job short
/// </summary>
[MemoryDiagnoser]
public class DecisionCaseCountBenchmarks
{
    private const int GeneratedCases = 9_997;
    private const int MarksPerCase = 5;
    private const int DefendantsPerCase = 200;
    private const int StorefrontPool = 100_000;

    private readonly ImageProber _prober = new(new PdqHasher(ImageLimits.Default));
    private readonly PinnedClock _clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private ListingClassifier _classifier = null!;
    private ClassifyBatch _batch = null!;
    private RegistrySnapshot _small = null!;
    private RegistrySnapshot _large = null!;

    [GlobalSetup(Target = nameof(ThreeCases))]
    public void SetupThreeCases()
    {
        SetupCorpus();
        _small = LoadBundled();
    }

    [GlobalSetup(Target = nameof(TenThousandCases))]
    public void SetupTenThousandCases()
    {
        SetupCorpus();
        _small = LoadBundled();
        var clock = Stopwatch.StartNew();
        _large = Generate(_small);
        Console.WriteLine($"// generated {_large.Cases.Count} cases, {_large.Marks.Count} marks, {_large.DefendantCount} storefronts named, {_large.NoticeCount} notices in {clock.Elapsed.TotalSeconds:F1} s");

        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long rssBefore = Environment.WorkingSet;
        clock.Restart();
        var first = new DecisionBatch();
        _classifier.ClassifyBatch(_large, _batch, first, CancellationToken.None);
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        long rssAfter = Environment.WorkingSet;
        GC.KeepAlive(first);
        Console.WriteLine($"// first batch on it (index and plan built, decisions alive): {clock.Elapsed.TotalSeconds:F1} s, " +
            $"managed heap +{(heapAfter - heapBefore) / 1048576.0:F1} MiB, RSS +{(rssAfter - rssBefore) / 1048576.0:F1} MiB (RSS now {rssAfter / 1048576.0:F0} MiB)");

        var expected = new DecisionBatch();
        _classifier.ClassifyBatch(_small, _batch, expected, CancellationToken.None);
        expected.RegistryVersion = first.RegistryVersion;
        if (!expected.Equals(first))
        {
            throw new InvalidOperationException("the generated cases changed the corpus's decisions: the comparison would not be like for like");
        }
    }

    [Benchmark(Baseline = true)]
    public DecisionBatch ThreeCases() => Classify(_small);

    [Benchmark]
    public DecisionBatch TenThousandCases() => Classify(_large);

    private DecisionBatch Classify(RegistrySnapshot snapshot)
    {
        var output = new DecisionBatch();
        _classifier.ClassifyBatch(snapshot, _batch, output, CancellationToken.None);
        return output;
    }

    private void SetupCorpus()
    {
        _classifier = new ListingClassifier(_prober, _clock, ClassifierLimits.Default, BatchParallelism.None);
        _batch = new ClassifyBatch { BatchId = "corpus", Channel = Channel.Advertising };
        foreach (var item in LabelledCorpus.All)
        {
            _batch.Listings.Add(item.Listing);
        }
    }

    private RegistrySnapshot LoadBundled() => new RegistryLoader(new WorkHashCache(_prober), _clock).Load(RepoPaths.DefaultRegistry);

    /// <summary>The bundled cases first (same ordinals, same evidence order), then the generated ones. Every
    /// storefront id is a string of its own per case, as the loader reads them from each case's file.</summary>
    private RegistrySnapshot Generate(RegistrySnapshot bundled)
    {
        var random = new Random(10_000);
        var registry = new InMemoryRegistry();
        registry.AddAll(bundled, _prober);

        var corpusStorefronts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var listing in _batch.Listings)
        {
            corpusStorefronts.Add(listing.StorefrontId);
        }
        string[] pool = [.. corpusStorefronts, .. Enumerable.Range(0, StorefrontPool).Select(i => $"shop-{i}")];
        var codes = MarkCodes(GeneratedCases * MarksPerCase).GetEnumerator();
        var channels = new ChannelState[6];
        Array.Fill(channels, ChannelState.Enforced);
        channels[(int)PromotionChannel.Listing] = ChannelState.Stayed;
        var picked = new HashSet<int>();

        for (int c = 0; c < GeneratedCases; c++)
        {
            var marks = new MarkDefinition[MarksPerCase];
            for (int m = 0; m < marks.Length; m++)
            {
                codes.MoveNext();
                marks[m] = new MarkDefinition($"gen-{c}-{m}", "qx" + codes.Current + "zork", MarkMode.Anywhere, false, []);
            }
            bool anySeller = c % 10 == 9;
            picked.Clear();
            while (picked.Count < (anySeller ? 3 : DefendantsPerCase))
            {
                picked.Add(random.Next(pool.Length));
            }
            var storefronts = new List<string>(picked.Count);
            foreach (int s in picked)
            {
                storefronts.Add(new string(pool[s].AsSpan()));
            }
            var notices = new Notice[10];
            for (int n = 0; n < notices.Length; n++)
            {
                notices[n] = new Notice($"gen-{c}-listing-{n}", new DateOnly(2024, 2, 1), $"gen-{c}-notice-{n}");
            }
            (string, WorkFingerprint)[] works = c % 10 == 4
                ? [($"gen-work-{c}", new WorkFingerprint([new PdqHash((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64())], 100))]
                : [];
            registry.Add(new InMemoryRegistry.CaseSpec($"gen-case-{c:D5}")
            {
                Scope = anySeller ? CaseScope.AnySeller : CaseScope.Defendants,
                Channels = channels,
                FuzzyVerdict = RegistryVerdict.Review,
                Marks = marks,
                Works = works,
                Defendants = anySeller ? [] : storefronts,
                AuthorizedSellers = anySeller ? storefronts : [],
                Notices = notices,
            });
        }
        return registry.Build("generated-10000");
    }

    /// <summary>Four letters that no normalization step merges (no l, n, v; no q, x, z of the frame), none
    /// twice in a row: "qx" + code + "zork" marks that match only where they are written.</summary>
    private static IEnumerable<string> MarkCodes(int count)
    {
        const string letters = "abcdefghijkmoprstuwy";
        int made = 0;
        foreach (char a in letters)
        {
            foreach (char b in letters)
            {
                foreach (char c in letters)
                {
                    foreach (char d in letters)
                    {
                        if (a != b && b != c && c != d)
                        {
                            yield return new string(new[] { a, b, c, d });
                            if (++made == count)
                            {
                                yield break;
                            }
                        }
                    }
                }
            }
        }
    }

    private sealed class PinnedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
