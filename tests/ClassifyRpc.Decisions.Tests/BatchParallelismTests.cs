using ClassifyRpc.Decisions;
using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Google.Protobuf;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;
using Verdict = ClassifyRpc.V1.Verdict;

namespace ClassifyRpc.Decisions.Tests;

/// <summary>
/// A batch spread over several threads must give exactly the decisions, in exactly the order, that one
/// thread gives, whatever the channel, the limits or the cancellation.
/// </summary>
public sealed class BatchParallelismTests
{
    private static readonly BatchParallelism Wide = new() { MaxWorkers = 4, MinBatchListings = 1 };

    private static readonly Lazy<RegistrySnapshot> Bundled =
        new(() => Engines.NewLoader(new FakeClock(2025, 6, 1)).Load(RepoPaths.DefaultRegistry));

    private static ListingClassifier NewClassifier(BatchParallelism parallelism, ClassifierLimits? limits = null) =>
        new(Engines.NewProber(), new FakeClock(2025, 6, 1), limits ?? ClassifierLimits.Default, parallelism);

    private static ClassifyBatch CorpusBatch(Channel channel)
    {
        var batch = new ClassifyBatch { BatchId = "corpus-" + channel, Channel = channel };
        foreach (var item in LabelledCorpus.All)
        {
            batch.Listings.Add(item.Listing);
        }
        return batch;
    }

    public static TheoryData<Channel> Channels => new(Channel.Advertising, Channel.Email, Channel.Search, Channel.Recommendation, Channel.Listing);

    [Theory]
    [MemberData(nameof(Channels))]
    public void TheCorpusSpreadOverThreadsGetsTheDecisionsOfOneThreadInOrder(Channel channel)
    {
        var batch = CorpusBatch(channel);
        var alone = NewClassifier(BatchParallelism.None);
        var spread = NewClassifier(Wide);
        var expected = new DecisionBatch();
        var actual = new DecisionBatch();

        alone.ClassifyBatch(Bundled.Value, batch, expected, CancellationToken.None);
        spread.ClassifyBatch(Bundled.Value, batch, actual, CancellationToken.None);

        Assert.Equal(0, alone.SplitBatches);
        Assert.Equal(1, spread.SplitBatches);
        Assert.Equal(batch.Listings.Count, actual.Decisions.Count);
        // Protobuf equality: verdict, evidence (marks, spans, matched text), error, listing id, in order.
        Assert.Equal(expected, actual);
        Assert.Contains(actual.Decisions, d => d.Verdict != Verdict.Allow);
        AssertNoWorkerLeft(spread);
    }

    [Fact]
    public void ListingsPastTheBatchLimitAreStillReviewWhenTheBatchIsSpread()
    {
        var limits = ClassifierLimits.Default with { MaxBatchListings = 50 };
        var batch = CorpusBatch(Channel.Advertising);
        var alone = NewClassifier(BatchParallelism.None, limits);
        var spread = NewClassifier(Wide, limits);
        var expected = new DecisionBatch();
        var actual = new DecisionBatch();

        alone.ClassifyBatch(Bundled.Value, batch, expected, CancellationToken.None);
        spread.ClassifyBatch(Bundled.Value, batch, actual, CancellationToken.None);

        Assert.Equal(expected, actual);
        Assert.Equal("", actual.Decisions[49].Error);
        Assert.Equal(Verdict.Review, actual.Decisions[50].Verdict);
        Assert.Equal("batch: more than 50 listings; this one was not judged", actual.Decisions[^1].Error);
        Assert.Equal(batch.Listings[^1].ListingId, actual.Decisions[^1].ListingId);
    }

    [Fact]
    public void SmallBatchesAndBatchesWithoutAChannelStayOnTheCallingThread()
    {
        var classifier = NewClassifier(Wide with { MinBatchListings = 100 });
        var small = new ClassifyBatch { BatchId = "small", Channel = Channel.Advertising };
        for (int i = 0; i < 99; i++)
        {
            small.Listings.Add(LabelledCorpus.All[i].Listing);
        }
        classifier.ClassifyBatch(Bundled.Value, small, new DecisionBatch(), CancellationToken.None);
        Assert.Equal(0, classifier.SplitBatches);

        var noChannel = CorpusBatch(Channel.Unspecified);
        var output = new DecisionBatch();
        classifier.ClassifyBatch(Bundled.Value, noChannel, output, CancellationToken.None);
        Assert.Equal(0, classifier.SplitBatches);
        Assert.All(output.Decisions, d => Assert.StartsWith("channel: CHANNEL_UNSPECIFIED", d.Error, StringComparison.Ordinal));

        small.Listings.Add(LabelledCorpus.All[99].Listing);
        classifier.ClassifyBatch(Bundled.Value, small, new DecisionBatch(), CancellationToken.None);
        Assert.Equal(1, classifier.SplitBatches);
    }

    [Fact]
    public void AFewListingsWithImageBytesAreSpreadAndJudgedAsOnOneThread()
    {
        var batch = new ClassifyBatch { BatchId = "images", Channel = Channel.Advertising };
        string[] files = ["cam-the-cat__blur.png", "cam-the-cat__brighter.png", "cam-the-cat__combo_resize_jpeg_mirror.jpg"];
        foreach (string file in files)
        {
            // 19885566 is a defendant of the case protecting cam-the-cat.
            var listing = new Listing { ListingId = file, StorefrontId = "19885566", Title = "plush" };
            listing.Images.Add(new Image { ImageId = file, Content = ByteString.CopyFrom(File.ReadAllBytes(RepoPaths.Data("images-public", file))) });
            batch.Listings.Add(listing);
        }
        batch.Listings[1].Images.Add(new Image { ImageId = "broken", Content = ByteString.CopyFromUtf8("not an image") });
        // Three listings are far below MinBatchListings, but each image costs milliseconds.
        var spread = NewClassifier(Wide with { MinBatchListings = 64 });
        var expected = new DecisionBatch();
        var actual = new DecisionBatch();

        NewClassifier(BatchParallelism.None).ClassifyBatch(Bundled.Value, batch, expected, CancellationToken.None);
        spread.ClassifyBatch(Bundled.Value, batch, actual, CancellationToken.None);

        Assert.Equal(1, spread.SplitBatches);
        Assert.Equal(expected, actual);
        Assert.Equal(files, actual.Decisions.Select(d => d.ListingId));
        Assert.Equal([Verdict.Block, Verdict.Review, Verdict.Block], actual.Decisions.Select(d => d.Verdict));
        Assert.All([actual.Decisions[0], actual.Decisions[2]], d => Assert.Equal("cam-the-cat", Assert.Single(d.Evidence).Artwork.WorkId));
        Assert.Contains("images[1].content", actual.Decisions[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ABatchDoesNotSpreadOverWorkersThatAreAlreadyBusy()
    {
        var classifier = NewClassifier(Wide with { MaxWorkers = 2 });
        var batch = CorpusBatch(Channel.Advertising);

        // Another batch is being judged on another thread: with two workers allowed, this one keeps to itself.
        classifier.EnterWorker();
        try
        {
            classifier.ClassifyBatch(Bundled.Value, batch, new DecisionBatch(), CancellationToken.None);
            Assert.Equal(0, classifier.SplitBatches);
        }
        finally
        {
            classifier.ExitWorker();
        }

        classifier.ClassifyBatch(Bundled.Value, batch, new DecisionBatch(), CancellationToken.None);
        Assert.Equal(1, classifier.SplitBatches);
        AssertNoWorkerLeft(classifier);
    }

    [Fact]
    public void ACancelledSpreadBatchThrowsAndLeavesNoWorkerBehind()
    {
        var classifier = NewClassifier(Wide);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var output = new DecisionBatch();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            classifier.ClassifyBatch(Bundled.Value, CorpusBatch(Channel.Advertising), output, cancelled.Token));

        Assert.Equal(1, classifier.SplitBatches);
        Assert.Empty(output.Decisions);
        AssertNoWorkerLeft(classifier);
    }

    [Fact]
    public void ManyBatchesAtOnceAllGetTheirOwnDecisions()
    {
        var classifier = NewClassifier(Wide);
        var expected = new DecisionBatch();
        NewClassifier(BatchParallelism.None).ClassifyBatch(Bundled.Value, CorpusBatch(Channel.Email), expected, CancellationToken.None);

        var outputs = new DecisionBatch[6];
        Parallel.For(0, outputs.Length, new ParallelOptions { MaxDegreeOfParallelism = outputs.Length }, i =>
        {
            outputs[i] = new DecisionBatch();
            classifier.ClassifyBatch(Bundled.Value, CorpusBatch(Channel.Email), outputs[i], CancellationToken.None);
        });

        Assert.All(outputs, output => Assert.Equal(expected.Decisions, output.Decisions));
        AssertNoWorkerLeft(classifier);
    }

    [Fact]
    public void ParallelismSettingsThatCannotWorkAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewClassifier(new BatchParallelism { MaxWorkers = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewClassifier(new BatchParallelism { MinBatchListings = 0 }));
    }

    /// <summary>A helper counts itself out just after its last chunk is counted down, so allow it a moment.</summary>
    private static void AssertNoWorkerLeft(ListingClassifier classifier) =>
        Assert.True(SpinWait.SpinUntil(() => classifier.ActiveWorkers == 0, TimeSpan.FromSeconds(10)),
            $"{classifier.ActiveWorkers} workers still counted as busy");
}
