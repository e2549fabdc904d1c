using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Grpc.Core;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

/// <summary>ClassifyStream: one DecisionBatch per ClassifyBatch, in order; per-item errors; limits;
/// cancellation and deadlines. Run twice (the derived classes): with every stream reading its next batch while
/// the current one is judged, and with none, whatever the machine's cores.</summary>
public abstract class ClassifyStreamTests : IAsyncLifetime
{
    private const int MaxBatch = 12_000;
    private ServerHost _server = null!;

    /// <summary><c>ClassifyRpc:StreamReadAheadBelowStreams</c> for this run.</summary>
    protected abstract int ReadAheadBelowStreams { get; }

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync(settings:
        [$"--ClassifyRpc:MaxBatchListings={MaxBatch}", $"--ClassifyRpc:StreamReadAheadBelowStreams={ReadAheadBelowStreams}"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ClassifyBatch Batch(string id, Channel channel, IEnumerable<Listing> listings)
    {
        var batch = new ClassifyBatch { BatchId = id, Channel = channel };
        batch.Listings.Add(listings);
        return batch;
    }

    /// <summary>Sends the batches on one stream while reading, and returns every DecisionBatch received.</summary>
    private async Task<List<DecisionBatch>> RunStream(IReadOnlyList<ClassifyBatch> batches, CancellationToken cancellationToken = default)
    {
        using var call = _server.Classifier.ClassifyStream(cancellationToken: cancellationToken);
        var reading = Task.Run(async () =>
        {
            var received = new List<DecisionBatch>();
            await foreach (var b in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                received.Add(b);
            }
            return received;
        }, cancellationToken);
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch, cancellationToken);
        }
        await call.RequestStream.CompleteAsync();
        return await reading;
    }

    private static void AssertAnswers(ClassifyBatch sent, DecisionBatch received)
    {
        Assert.Equal(sent.BatchId, received.BatchId);
        Assert.Equal(sent.Listings.Count, received.Decisions.Count);
        for (var i = 0; i < sent.Listings.Count; i++)
        {
            Assert.Equal(sent.Listings[i].ListingId, received.Decisions[i].ListingId);
        }
        Assert.NotEmpty(received.RegistryVersion);
    }

    [Fact]
    public async Task ManyBatchesComeBackInOrder()
    {
        var corpus = Corpus.All;
        var batches = Enumerable.Range(0, 150)
            .Select(i => Batch($"b{i}", (Channel)(1 + (i % 5)), Enumerable.Range(0, 1 + (i * 37 % 60)).Select(j => corpus[(i * 61 + j) % corpus.Count].Listing)))
            .ToList();

        var received = await RunStream(batches);

        Assert.Equal(batches.Count, received.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            AssertAnswers(batches[i], received[i]);
        }
    }

    [Fact]
    public async Task ConcurrentStreamsEachGetTheirOwnAnswersInOrder()
    {
        var corpus = Corpus.All;
        var streams = Enumerable.Range(0, 6).Select(s => Enumerable.Range(0, 40)
            .Select(i => Batch($"s{s}-b{i}", (Channel)(1 + ((s + i) % 5)), Enumerable.Range(0, 25).Select(j => corpus[(s * 997 + i * 25 + j) % corpus.Count].Listing)))
            .ToList()).ToList();

        var results = await Task.WhenAll(streams.Select(batches => Task.Run(() => RunStream(batches))));

        for (var s = 0; s < streams.Count; s++)
        {
            Assert.Equal(streams[s].Count, results[s].Count);
            for (var i = 0; i < streams[s].Count; i++)
            {
                AssertAnswers(streams[s][i], results[s][i]);
            }
        }
    }

    [Fact]
    public async Task TenThousandListingBatch()
    {
        var corpus = Corpus.All;
        var listings = Enumerable.Range(0, 10_000).Select(i =>
        {
            var listing = corpus[i % corpus.Count].Listing.Clone();
            listing.ListingId = $"big-{i}";
            return listing;
        });
        var batch = Batch("big", Channel.Advertising, listings);

        var received = Assert.Single(await RunStream([batch]));

        AssertAnswers(batch, received);
        Assert.All(received.Decisions, d => Assert.Equal("", d.Error));
        Assert.Contains(received.Decisions, d => d.Verdict == Verdict.Block);
        Assert.Contains(received.Decisions, d => d.Verdict == Verdict.Allow);
    }

    [Fact]
    public async Task AStreamMayCarryMoreThanKestrelsRequestBodyLimit()
    {
        // Kestrel refuses request bodies over 30 MB by default; a scheduler's stream lives for hours, so
        // the limit must not apply to it (grpc-dotnet lifts it per call). 12 batches of ~3.2 MB.
        var description = new string('d', 3_200);
        var batches = Enumerable.Range(0, 12)
            .Select(b => Batch($"b{b}", Channel.Search, Enumerable.Range(0, 1_000).Select(i => Make(Bystander, "teddy", $"l{b}-{i}", description))))
            .ToList();
        Assert.True(batches.Sum(b => b.CalculateSize()) > 32 * 1024 * 1024);

        var received = await RunStream(batches);

        Assert.Equal(batches.Count, received.Count);
        for (var i = 0; i < batches.Count; i++)
        {
            AssertAnswers(batches[i], received[i]);
        }
    }

    [Fact]
    public async Task AnInvalidItemGetsReviewAndTheBatchGoesOn()
    {
        var batch = Batch("mixed", Channel.Advertising,
        [
            Make(KellyDefendant, "Squishmallows", "ok-1"),
            Make(KellyDefendant, "Squishmallows", ""),
            Make(Bystander, new string('x', 5_000), "too-long"),
            Make(Bystander, "teddy", "ok-2"),
        ]);

        var received = Assert.Single(await RunStream([batch]));

        Assert.Equal(4, received.Decisions.Count);
        Assert.Equal(Verdict.Block, received.Decisions[0].Verdict);
        Assert.Equal("", received.Decisions[0].Error);
        Assert.Equal(Verdict.Review, received.Decisions[1].Verdict);
        Assert.NotEmpty(received.Decisions[1].Error);
        Assert.Equal("too-long", received.Decisions[2].ListingId);
        Assert.Equal(Verdict.Review, received.Decisions[2].Verdict);
        Assert.NotEmpty(received.Decisions[2].Error);
        Assert.Equal(Verdict.Allow, received.Decisions[3].Verdict);
        Assert.Equal("", received.Decisions[3].Error);
    }

    [Fact]
    public async Task UnspecifiedChannelMakesEveryItemReviewWithAnErrorAndTheStreamGoesOn()
    {
        var bad = Batch("no-channel", Channel.Unspecified, [Make(Bystander, "teddy", "a"), Make(Bystander, "bear", "b")]);
        var good = Batch("after", Channel.Advertising, [Make(KellyDefendant, "Squishmallows", "c")]);

        var received = await RunStream([bad, good]);

        Assert.Equal(2, received.Count);
        Assert.All(received[0].Decisions, d =>
        {
            Assert.Equal(Verdict.Review, d.Verdict);
            Assert.Contains("CHANNEL_UNSPECIFIED", d.Error, StringComparison.Ordinal);
        });
        Assert.Equal(Verdict.Block, Assert.Single(received[1].Decisions).Verdict);
    }

    [Fact]
    public async Task ItemsPastTheBatchLimitGetReviewWithAnError()
    {
        var listings = Enumerable.Range(0, MaxBatch + 5).Select(i => Make(i % 2 == 0 ? Bystander : KellyDefendant, "Squishmallows", $"l{i}"));
        var batch = Batch("over", Channel.Advertising, listings);

        var received = Assert.Single(await RunStream([batch]));

        AssertAnswers(batch, received);
        for (var i = 0; i < MaxBatch; i++)
        {
            Assert.Equal("", received.Decisions[i].Error);
            Assert.Equal(i % 2 == 0 ? Verdict.Allow : Verdict.Block, received.Decisions[i].Verdict);
        }
        for (var i = MaxBatch; i < batch.Listings.Count; i++)
        {
            Assert.Equal(Verdict.Review, received.Decisions[i].Verdict);
            Assert.StartsWith("batch: more than", received.Decisions[i].Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CancellationEndsTheCallAndTheServerKeepsServing()
    {
        using var cts = new CancellationTokenSource();
        using var call = _server.Classifier.ClassifyStream(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(Batch("first", Channel.Advertising, [Make(KellyDefendant, "Squishmallows", "x")]));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("first", call.ResponseStream.Current.BatchId);

        cts.Cancel();

        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        var after = await RunStream([Batch("after", Channel.Advertising, [Make(KellyDefendant, "Squishmallows", "y")])]);
        Assert.Equal(Verdict.Block, Assert.Single(Assert.Single(after).Decisions).Verdict);
    }

    [Fact]
    public async Task DeadlineEndsAnIdleStream()
    {
        // Long enough for the first exchange on a loaded machine (500 ms once expired during the first
        // write, the server's first call still being compiled): the call is idle only after it.
        using var call = _server.Classifier.ClassifyStream(deadline: DateTime.UtcNow.AddSeconds(3));
        await call.RequestStream.WriteAsync(Batch("first", Channel.Email, [Make(KellyDefendant, "Squishmallows", "x")]));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        // The client never completes its side: the deadline must end the call.
        var e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
    }
}
