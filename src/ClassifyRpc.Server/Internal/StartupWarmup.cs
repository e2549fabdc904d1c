using System.Diagnostics;
using ClassifyRpc.Decisions;
using ClassifyRpc.Registry;
using ClassifyRpc.V1;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Internal;

/// <summary>
/// Runs a built-in sample of listings through the real hot path (protobuf parse, the classifier on
/// every channel, unary and batch, protobuf serialize) for a short while after start-up, on a
/// below-normal-priority thread, so the JIT has promoted it to optimized code before schedulers send
/// real traffic.
/// </summary>
/// <remarks>
/// Tiered compilation first compiles methods quickly and unoptimized, and only re-compiles the ones
/// called often (after a quiet period with no new tier-0 compilations, then again with profile data):
/// a fresh server spends its first seconds of load slower than it should, and the JIT competes with the
/// calls for the cores. Repeating the sample for a couple of seconds lets that happen before the first
/// caller arrives. It does not delay start-up (health is SERVING as soon as the registry has loaded) and
/// stops with the host. Decisions are thrown away; nothing is cached, so behaviour is unchanged.
/// </remarks>
internal sealed class StartupWarmup : IHostedService
{
    private const int MaxSampleMarks = 64;

    private readonly RegistryHost _registry;
    private readonly ListingClassifier _classifier;
    private readonly TimeSpan _budget;
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    public StartupWarmup(RegistryHost registry, ListingClassifier classifier, IOptions<ClassifyRpcOptions> options)
    {
        _registry = registry;
        _classifier = classifier;
        _budget = TimeSpan.FromMilliseconds(options.Value.WarmupMilliseconds);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_budget > TimeSpan.Zero)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "ClassifyRpc warm-up", Priority = ThreadPriority.BelowNormal };
            _thread.Start();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    private void Run()
    {
        try
        {
            var snapshot = _registry.Current;
            var batches = BuildSample(snapshot);
            var stopwatch = Stopwatch.StartNew();
            var token = _stopping.Token;
            while (stopwatch.Elapsed < _budget && !token.IsCancellationRequested)
            {
                foreach (var bytes in batches)
                {
                    // Through the wire format both ways, as a stream's batch travels.
                    var batch = ClassifyBatch.Parser.ParseFrom(bytes);
                    var output = new DecisionBatch();
                    _classifier.ClassifyBatch(_registry.Current, batch, output, token);
                    _ = output.ToByteArray();
                    for (int i = 0; i < batch.Listings.Count && i < 16; i++)
                    {
                        _classifier.TryClassify(snapshot, batch.Listings[i], batch.Channel, "listing", out var decision, out _);
                        _ = new ClassifyResponse { Decision = decision, RegistryVersion = snapshot.Version }.ToByteArray();
                    }
                }
                // Short pauses give the runtime's tiering delay (no new tier-0 code for 100 ms) a chance
                // to elapse even on a busy machine, and leave the cores to real calls.
                Thread.Sleep(20);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception)
        {
            // A warm-up must never take the server down; the real calls report their own errors.
        }
    }

    /// <summary>One batch per channel: benign listings, listings carrying each mark (up to
    /// <see cref="MaxSampleMarks"/>) exactly and with two letters swapped, from defendants and others.</summary>
    private static List<byte[]> BuildSample(RegistrySnapshot snapshot)
    {
        string[] defendants = ["warmup-storefront"];
        foreach (var k in snapshot.Cases)
        {
            foreach (var d in k.Defendants)
            {
                defendants = [d, "warmup-storefront"];
                break;
            }
        }

        var listings = new List<Listing>();
        int n = 0;
        string[] benign =
        [
            "Soft plush teddy bear 30cm, gift for kids",
            "Vintage ceramic mug with hand-painted flowers",
            "Wooden train set, 24 pieces, ages 3+",
        ];
        foreach (var text in benign)
        {
            listings.Add(NewListing(n++, defendants[n % defendants.Length], text, "Ships in 3-5 days.", "gift"));
        }
        for (int m = 0; m < snapshot.Marks.Count && m < MaxSampleMarks; m++)
        {
            string mark = snapshot.Marks[m].Text;
            listings.Add(NewListing(n++, defendants[n % defendants.Length], $"New {mark} plush 40cm", "Super soft.", mark.ToLowerInvariant()));
            listings.Add(NewListing(n++, defendants[n % defendants.Length], $"Cute {Swap(mark)} toy", $"Like {mark}, but cheaper.", "kawaii"));
        }

        var batches = new List<byte[]>();
        for (var channel = Channel.Advertising; channel <= Channel.Listing; channel++)
        {
            var batch = new ClassifyBatch { BatchId = "warmup", Channel = channel };
            // Batch-sized, so the per-batch code (capacity, serialization of a large message) warms too.
            while (batch.Listings.Count < 512)
            {
                batch.Listings.AddRange(listings);
            }
            batches.Add(batch.ToByteArray());
        }
        return batches;
    }

    private static Listing NewListing(int n, string storefront, string title, string description, string keyword) => new()
    {
        ListingId = $"warmup-{n}",
        StorefrontId = storefront,
        Title = title,
        Description = description,
        Keywords = { keyword, "toy" },
    };

    private static string Swap(string text)
    {
        if (text.Length < 3)
        {
            return text;
        }
        var chars = text.ToCharArray();
        (chars[1], chars[2]) = (chars[2], chars[1]);
        return new string(chars);
    }
}
