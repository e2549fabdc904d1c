using BenchmarkDotNet.Attributes;
using ClassifyRpc.Decisions;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;
using ClassifyRpc.V1;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// The decision layer's cost over the scans it cannot avoid: the public corpus (3,000 listings, no
/// images) as one <see cref="ClassifyBatch"/> on the bundled registry, against scanning every field of
/// the same listings with the same automaton and doing nothing else. The difference is the rules,
/// the evidence and the output messages. Compare the two in the same run:
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*DecisionBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private readonly MarkHitBuffer _hits = new(64);
    private RegistrySnapshot _snapshot = null!;
    private ListingClassifier _classifier = null!;
    private ListingClassifier _spreadClassifier = null!;
    private ClassifyBatch _batch = null!;

    /// <summary>ADVERTISING: all three example cases enforced; LISTING: only the any_seller case.</summary>
    [Params(Channel.Advertising, Channel.Listing)]
    public Channel Channel { get; set; } = Channel.Advertising;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new PinnedClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var prober = new ImageProber(new PdqHasher(ImageLimits.Default));
        _snapshot = new RegistryLoader(new WorkHashCache(prober), clock).Load(RepoPaths.DefaultRegistry);
        // One thread, so the comparison with BareScans is the rules' cost; the spread one uses every core.
        _classifier = new ListingClassifier(prober, clock, ClassifierLimits.Default, BatchParallelism.None);
        _spreadClassifier = new ListingClassifier(prober, clock, ClassifierLimits.Default, BatchParallelism.Default);
        _batch = new ClassifyBatch { BatchId = "corpus", Channel = Channel };
        foreach (var item in LabelledCorpus.All)
        {
            _batch.Listings.Add(item.Listing);
        }
    }

    [Benchmark(Baseline = true)]
    public int BareScans()
    {
        int hits = 0;
        var automaton = _snapshot.Automaton;
        foreach (var listing in _batch.Listings)
        {
            hits += Scan(automaton, listing.Title) + Scan(automaton, listing.Description);
            var keywords = listing.Keywords;
            for (int i = 0; i < keywords.Count; i++)
            {
                hits += Scan(automaton, keywords[i]);
            }
        }
        return hits;
    }

    [Benchmark]
    public DecisionBatch ClassifyBatch()
    {
        var output = new DecisionBatch();
        _classifier.ClassifyBatch(_snapshot, _batch, output, CancellationToken.None);
        return output;
    }

    /// <summary>The same batch spread over every core (<see cref="BatchParallelism.Default"/>): wall time, so
    /// on an otherwise idle machine it shows what one scheduler stream gains from the other cores.</summary>
    [Benchmark]
    public DecisionBatch ClassifyBatchSpread()
    {
        var output = new DecisionBatch();
        _spreadClassifier.ClassifyBatch(_snapshot, _batch, output, CancellationToken.None);
        return output;
    }

    private int Scan(MarkAutomaton automaton, string text)
    {
        _hits.Clear();
        automaton.Scan(text, _hits);
        return _hits.Count;
    }

    private sealed class PinnedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
