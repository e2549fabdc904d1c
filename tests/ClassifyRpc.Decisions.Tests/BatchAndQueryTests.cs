using ClassifyRpc.Decisions;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Xunit;
using static ClassifyRpc.Tests.RulesRegistry;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Decisions.Tests;

public sealed class BatchAndQueryTests(RulesRegistry registry) : IClassFixture<RulesRegistry>
{
    private ListingClassifier NewClassifier(ClassifierLimits? limits = null) =>
        new(registry.Prober, new FakeClock(2024, 6, 1), limits ?? ClassifierLimits.Default);

    private static Listing Listing(string id, string storefront, string title) =>
        new() { ListingId = id, StorefrontId = storefront, Title = title };

    [Fact]
    public void ABatchIsJudgedInOrderAndBadItemsDoNotStopIt()
    {
        var batch = new ClassifyBatch { BatchId = "b-7", Channel = Channel.Advertising };
        batch.Listings.Add(Listing("L-0", "def-1", "Alphawidget"));
        batch.Listings.Add(Listing("", "def-1", "Alphawidget"));
        var badImage = Listing("L-2", "def-1", "plain");
        badImage.Images.Add(new Image { PdqHex = "zz" });
        batch.Listings.Add(badImage);
        batch.Listings.Add(Listing("L-3", "anyone", "plain"));
        batch.Listings.Add(Listing("L-4", "anyone", "Betagizmp"));

        var output = new DecisionBatch();
        NewClassifier().ClassifyBatch(registry.Snapshot, batch, output, CancellationToken.None);

        Assert.Equal("b-7", output.BatchId);
        Assert.Equal(registry.Snapshot.Version, output.RegistryVersion);
        Assert.Equal(["L-0", "", "L-2", "L-3", "L-4"], output.Decisions.Select(d => d.ListingId));
        Assert.Equal([Verdict.Block, Verdict.Review, Verdict.Review, Verdict.Allow, Verdict.Block], output.Decisions.Select(d => d.Verdict));
        Assert.Equal("listing_id: required", output.Decisions[1].Error);
        Assert.StartsWith("images[0].pdq_hex:", output.Decisions[2].Error, StringComparison.Ordinal);
        Assert.Equal(["", "", ""], new[] { output.Decisions[0].Error, output.Decisions[3].Error, output.Decisions[4].Error });
    }

    [Fact]
    public void ABatchWithoutAChannelIsReviewWithAnErrorForEveryItem()
    {
        var batch = new ClassifyBatch { BatchId = "b", Channel = Channel.Unspecified };
        batch.Listings.Add(Listing("L-0", "def-1", "Alphawidget"));
        batch.Listings.Add(Listing("L-1", "anyone", "plain"));
        var output = new DecisionBatch();
        NewClassifier().ClassifyBatch(registry.Snapshot, batch, output, CancellationToken.None);
        Assert.All(output.Decisions, d =>
        {
            Assert.Equal(Verdict.Review, d.Verdict);
            Assert.StartsWith("channel: CHANNEL_UNSPECIFIED", d.Error, StringComparison.Ordinal);
        });
        Assert.Equal(2, output.Decisions.Count);
    }

    [Fact]
    public void ListingsPastTheBatchLimitAreReviewNotDropped()
    {
        var batch = new ClassifyBatch { Channel = Channel.Advertising };
        for (int i = 0; i < 5; i++)
        {
            batch.Listings.Add(Listing("L-" + i, "anyone", "plain"));
        }
        var output = new DecisionBatch();
        NewClassifier(new ClassifierLimits { MaxBatchListings = 3 }).ClassifyBatch(registry.Snapshot, batch, output, CancellationToken.None);
        Assert.Equal([Verdict.Allow, Verdict.Allow, Verdict.Allow, Verdict.Review, Verdict.Review], output.Decisions.Select(d => d.Verdict));
        Assert.Contains("more than 3 listings", output.Decisions[4].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACancelledBatchStops()
    {
        var batch = new ClassifyBatch { Channel = Channel.Advertising };
        batch.Listings.Add(Listing("L-0", "anyone", "plain"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => NewClassifier().ClassifyBatch(registry.Snapshot, batch, new DecisionBatch(), cts.Token));
    }

    [Fact]
    public void ConcurrentBatchesGetTheSameAnswersAsOneThread()
    {
        var batch = new ClassifyBatch { Channel = Channel.Advertising };
        string[] titles = ["Alphawidget", "Alphawidgte", "plain", "Betagizmo and Alphawidget", "zeta pals"];
        string[] storefronts = ["def-1", "anyone", "alpha-official", "beta-official"];
        for (int i = 0; i < 400; i++)
        {
            batch.Listings.Add(Listing("L-" + i, storefronts[i % storefronts.Length], titles[i % titles.Length]));
        }
        var classifier = NewClassifier();
        var expected = new DecisionBatch();
        classifier.ClassifyBatch(registry.Snapshot, batch, expected, CancellationToken.None);
        var outputs = new DecisionBatch[8];
        Parallel.For(0, outputs.Length, i =>
        {
            outputs[i] = new DecisionBatch();
            classifier.ClassifyBatch(registry.Snapshot, batch, outputs[i], CancellationToken.None);
        });
        Assert.All(outputs, o => Assert.Equal(expected, o));
        Assert.Contains(expected.Decisions, d => d.Verdict == Verdict.Review);
        Assert.Contains(expected.Decisions, d => d.Verdict == Verdict.Block);
        Assert.Contains(expected.Decisions, d => d.Verdict == Verdict.Allow);
    }

    // ---- ClassifyQuery ---------------------------------------------------------------------------------

    [Fact]
    public void QueryDefaultsToSearch()
    {
        var classifier = NewClassifier();
        // alpha says nothing on SEARCH; beta (any_seller) is enforced there.
        var alpha = classifier.ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "alphawidget" });
        Assert.Equal(Verdict.Allow, alpha.Verdict);
        Assert.Empty(alpha.Marks);
        Assert.Empty(alpha.CaseIds);
        Assert.False(alpha.Suppress);
        Assert.Equal(registry.Snapshot.Version, alpha.RegistryVersion);

        var beta = classifier.ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "cheap betagizmo" });
        Assert.Equal(Verdict.Block, beta.Verdict);
        Assert.True(beta.Suppress);
        Assert.Equal([Beta], beta.CaseIds);
        Assert.Empty(beta.ExcludedStorefrontIds);
        var mark = Assert.Single(beta.Marks);
        Assert.Equal(("betagizmo", Field.Query, 6, 9, "betagizmo", 0), (mark.MarkId, mark.Field, mark.Start, mark.Length, mark.MatchedText, mark.Edits));
    }

    [Fact]
    public void DefendantsCasesExcludeTheirStorefronts()
    {
        var response = NewClassifier().ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "ALPHA widget plush", Channel = Channel.Advertising });
        Assert.Equal(Verdict.Block, response.Verdict);
        Assert.False(response.Suppress);
        Assert.Equal([Alpha], response.CaseIds);
        // Sorted, distinct, and without shared-seller (a defendant, but authorized by the case).
        Assert.Equal(["def-1", "def-2"], response.ExcludedStorefrontIds);
    }

    [Fact]
    public void QueryVerdictsFollowEachCasesFuzzyVerdict()
    {
        var classifier = NewClassifier();
        var fuzzyAlpha = classifier.ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "alphawidgte", Channel = Channel.Advertising });
        Assert.Equal(Verdict.Review, fuzzyAlpha.Verdict);
        Assert.Equal(1, Assert.Single(fuzzyAlpha.Marks).Edits);
        Assert.Equal(["def-1", "def-2"], fuzzyAlpha.ExcludedStorefrontIds);

        var fuzzyBeta = classifier.ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "betagizmp" });
        Assert.Equal(Verdict.Block, fuzzyBeta.Verdict);

        var both = classifier.ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "alphawidget betagizmo", Channel = Channel.Advertising });
        Assert.Equal(Verdict.Block, both.Verdict);
        Assert.True(both.Suppress);
        Assert.Equal([Alpha, Beta], both.CaseIds);
        Assert.Equal(2, both.Marks.Count);

        // A stayed channel: nothing.
        var stayed = classifier.ClassifyQuery(registry.Snapshot, new QueryRequest { Query = "alphawidget", Channel = Channel.Email });
        Assert.Equal(Verdict.Allow, stayed.Verdict);
    }

    [Fact]
    public void AQueryThatCannotBeJudgedIsReview()
    {
        var classifier = NewClassifier(new ClassifierLimits { MaxQueryLength = 5 });
        var request = new QueryRequest { Query = "betagizmo" };
        Assert.Equal(Verdict.Review, classifier.ClassifyQuery(registry.Snapshot, request).Verdict);
        Assert.Equal("query", Assert.Single(classifier.ValidateQuery(request, "")).Field);

        var unknownChannel = new QueryRequest { Query = "x", Channel = (Channel)9 };
        Assert.Equal(Verdict.Review, classifier.ClassifyQuery(registry.Snapshot, unknownChannel).Verdict);
        Assert.Equal("channel", Assert.Single(classifier.ValidateQuery(unknownChannel, "")).Field);
        Assert.Empty(classifier.ValidateQuery(new QueryRequest { Query = "fine" }, ""));
    }
}
