using ClassifyRpc.Decisions;
using ClassifyRpc.Imaging;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Google.Protobuf;
using Xunit;
using static ClassifyRpc.Tests.RulesRegistry;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Decisions.Tests;

/// <summary>Each decision rule of DESIGN.md, on <see cref="RulesRegistry"/> (see there what it holds).</summary>
public sealed class DecisionRulesTests(RulesRegistry registry) : IClassFixture<RulesRegistry>
{
    private static readonly DateOnly s_inForce = new(2024, 6, 1);

    private Decision Judge(Listing listing, Channel channel, DateOnly? today = null)
    {
        var day = today ?? s_inForce;
        var clock = new FakeClock(new DateTimeOffset(day.Year, day.Month, day.Day, 12, 0, 0, TimeSpan.Zero));
        return new ListingClassifier(registry.Prober, clock, ClassifierLimits.Default).Classify(registry.Snapshot, listing, channel);
    }

    private static Listing Listing(string storefront, string title, string description = "", string id = "L-1", params string[] keywords)
    {
        var listing = new Listing { ListingId = id, StorefrontId = storefront, Title = title, Description = description };
        listing.Keywords.Add(keywords);
        return listing;
    }

    private static Listing WithHash(Listing listing, PdqHash hash, int quality = 0, string imageId = "img-0")
    {
        listing.Images.Add(new Image { ImageId = imageId, PdqHex = hash.ToHex(), Quality = quality });
        return listing;
    }

    private static void AssertAllow(Decision decision)
    {
        Assert.Equal(Verdict.Allow, decision.Verdict);
        Assert.Empty(decision.Evidence);
        Assert.Equal("", decision.Error);
    }

    // ---- channels and dates ---------------------------------------------------------------------------

    [Theory]
    [InlineData(Channel.Advertising, Verdict.Block)]   // enforced
    [InlineData(Channel.Email, Verdict.Allow)]         // stayed: the case says nothing there
    [InlineData(Channel.Search, Verdict.Allow)]        // absent
    [InlineData(Channel.Recommendation, Verdict.Allow)]
    [InlineData(Channel.Listing, Verdict.Allow)]
    public void OnlyEnforcedChannelsCount(Channel channel, Verdict expected)
    {
        var decision = Judge(Listing("def-1", "Alphawidget plush"), channel);
        Assert.Equal(expected, decision.Verdict);
        if (expected == Verdict.Allow)
        {
            AssertAllow(decision);
        }
        else
        {
            var evidence = Assert.Single(decision.Evidence);
            Assert.Equal(Alpha, evidence.CaseId);
            Assert.Equal("alphawidget", evidence.Mark.MarkId);
        }
    }

    [Theory]
    [InlineData("2024-02-29", Verdict.Allow)]  // before effective_from
    [InlineData("2024-03-01", Verdict.Block)]  // at effective_from
    [InlineData("2025-02-28", Verdict.Block)]  // last day before expiry
    [InlineData("2025-03-01", Verdict.Allow)]  // at expires: no longer active
    public void OnlyActiveCasesCount(string today, Verdict expected)
    {
        var decision = Judge(Listing("def-1", "Alphawidget plush"), Channel.Advertising, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, decision.Verdict);
    }

    [Fact]
    public void TodayIsTheUtcDateOfTheClock()
    {
        // 2024-02-29 23:30 at UTC-02:00 is already 2024-03-01 in UTC: the case is active.
        var clock = new FakeClock(new DateTimeOffset(2024, 2, 29, 23, 30, 0, TimeSpan.FromHours(-2)));
        var classifier = new ListingClassifier(registry.Prober, clock, ClassifierLimits.Default);
        Assert.Equal(Verdict.Block, classifier.Classify(registry.Snapshot, Listing("def-1", "Alphawidget"), Channel.Advertising).Verdict);

        // And the same classifier follows the clock to the next day (its cached plan is per day).
        clock.Now = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        AssertAllow(classifier.Classify(registry.Snapshot, Listing("def-1", "Alphawidget"), Channel.Advertising));
    }

    // ---- scope, authorized sellers, notices ------------------------------------------------------------

    [Fact]
    public void DefendantsScopeReachesOnlyTheDefendantsAndOutOfScopeMatchesAreNotReported()
    {
        Assert.Equal(Verdict.Block, Judge(Listing("def-2", "Alphawidget"), Channel.Advertising).Verdict);
        AssertAllow(Judge(Listing("someone-else", "Alphawidget"), Channel.Advertising));
        AssertAllow(Judge(Listing("", "Alphawidget"), Channel.Advertising));
    }

    [Fact]
    public void AnySellerScopeReachesEveryStorefront()
    {
        foreach (string storefront in new[] { "someone-else", "def-1", "" })
        {
            var decision = Judge(Listing(storefront, "Betagizmo bear"), Channel.Search);
            Assert.Equal(Verdict.Block, decision.Verdict);
            Assert.Equal(Beta, Assert.Single(decision.Evidence).CaseId);
        }
    }

    [Fact]
    public void NoticesBlockWhateverTheStorefront()
    {
        var decision = Judge(Listing("someone-else", "plain bear", id: "N-1"), Channel.Advertising);
        Assert.Equal(Verdict.Block, decision.Verdict);
        var evidence = Assert.Single(decision.Evidence);
        Assert.Equal(Alpha, evidence.CaseId);
        Assert.Equal(Verdict.Block, evidence.Verdict);
        Assert.Equal("alpha-notice-1", evidence.Notice.Reference);

        // A stayed channel: the notice says nothing there either.
        AssertAllow(Judge(Listing("someone-else", "plain bear", id: "N-1"), Channel.Email));
    }

    [Fact]
    public void AuthorizedSellersBeatNoticesAndMarks()
    {
        AssertAllow(Judge(Listing("alpha-official", "Alphawidget", id: "N-1"), Channel.Advertising));
        // shared-seller is both a defendant and authorized: authorized wins.
        AssertAllow(Judge(Listing("shared-seller", "Alphawidget", id: "N-1"), Channel.Advertising));
        AssertAllow(Judge(Listing("beta-official", "Betagizmo"), Channel.Advertising));
    }

    [Fact]
    public void AuthorizationIsPerCase()
    {
        // alpha-official is authorized by alpha only; beta (any seller) still blocks its Betagizmo.
        var decision = Judge(Listing("alpha-official", "Alphawidget and Betagizmo", id: "N-1"), Channel.Advertising);
        Assert.Equal(Verdict.Block, decision.Verdict);
        var evidence = Assert.Single(decision.Evidence);
        Assert.Equal(Beta, evidence.CaseId);
        Assert.Equal("betagizmo", evidence.Mark.MarkId);
    }

    // ---- marks -----------------------------------------------------------------------------------------

    [Fact]
    public void FuzzyMatchesTakeTheCaseFuzzyVerdict()
    {
        // alpha: fuzzy_verdict review.
        var review = Judge(Listing("def-1", "Alphawidgte plush"), Channel.Advertising);
        Assert.Equal(Verdict.Review, review.Verdict);
        var evidence = Assert.Single(review.Evidence);
        Assert.Equal(Verdict.Review, evidence.Verdict);
        Assert.Equal(1, evidence.Mark.Edits);
        Assert.Equal("Alphawidgte", evidence.Mark.MatchedText);

        // beta: fuzzy_verdict block.
        var block = Judge(Listing("anyone", "Betagizmp plush"), Channel.Advertising);
        Assert.Equal(Verdict.Block, block.Verdict);
        Assert.Equal(1, Assert.Single(block.Evidence).Mark.Edits);
    }

    [Fact]
    public void ExactAndNormalizedMatchesBlock()
    {
        foreach (string title in new[] { "Alphawidget", "ALPHA WIDGET", "ａｌｐｈａｗｉｄｇｅｔ", "A.l.p.h.a.w.i.d.g.e.t", "Alphawidgets" })
        {
            var decision = Judge(Listing("def-1", title), Channel.Advertising);
            Assert.Equal(Verdict.Block, decision.Verdict);
            Assert.Equal(0, Assert.Single(decision.Evidence).Mark.Edits);
        }
        // Word mode: whole words only.
        Assert.Equal(Verdict.Block, Judge(Listing("x", "Zeta Pals bear"), Channel.Advertising).Verdict);
        AssertAllow(Judge(Listing("x", "Zetapalsy bear"), Channel.Advertising));
    }

    [Fact]
    public void TheStrongestVerdictWinsAndEveryDecidingMatchIsEvidence()
    {
        // alpha fuzzy (REVIEW) in the title, beta exact (BLOCK) in a keyword.
        var decision = Judge(Listing("def-1", "Alphawidgte", keywords: ["plush", "betagizmo"]), Channel.Advertising);
        Assert.Equal(Verdict.Block, decision.Verdict);
        Assert.Equal(2, decision.Evidence.Count);
        Assert.Equal((Alpha, Verdict.Review, Field.Title), (decision.Evidence[0].CaseId, decision.Evidence[0].Verdict, decision.Evidence[0].Mark.Field));
        Assert.Equal((Beta, Verdict.Block, Field.Keywords, 1), (decision.Evidence[1].CaseId, decision.Evidence[1].Verdict, decision.Evidence[1].Mark.Field, decision.Evidence[1].Mark.FieldIndex));

        // Only fuzzy matches: REVIEW.
        Assert.Equal(Verdict.Review, Judge(Listing("def-1", "Alphawidgte"), Channel.Advertising).Verdict);
    }

    [Fact]
    public void EvidenceOffsetsPointAtTheOriginalText()
    {
        string title = "Cute ＡＬＰＨＡ-widget toy";
        string description = "Soft.\nA 𝐛𝐞𝐭𝐚𝐠𝐢𝐳𝐦𝐨 friend, and another Betagizmo.";
        var decision = Judge(Listing("def-1", title, description, keywords: ["plush", "great zeta pals"]), Channel.Advertising);
        Assert.Equal(Verdict.Block, decision.Verdict);
        Assert.Equal(4, decision.Evidence.Count);

        var title0 = decision.Evidence[0].Mark;
        Assert.Equal((Field.Title, 0, 5, "ＡＬＰＨＡ-widget"), (title0.Field, title0.FieldIndex, title0.Start, title0.MatchedText));
        Assert.Equal(title0.MatchedText, title.Substring(title0.Start, title0.Length));

        var d1 = decision.Evidence[1].Mark;
        var d2 = decision.Evidence[2].Mark;
        Assert.Equal((Field.Description, "𝐛𝐞𝐭𝐚𝐠𝐢𝐳𝐦𝐨"), (d1.Field, d1.MatchedText));
        Assert.Equal(description.IndexOf("𝐛", StringComparison.Ordinal), d1.Start);
        Assert.Equal(description.Substring(d1.Start, d1.Length), d1.MatchedText);
        Assert.Equal((Field.Description, "Betagizmo"), (d2.Field, d2.MatchedText));
        Assert.Equal(description.LastIndexOf("Betagizmo", StringComparison.Ordinal), d2.Start);

        var keyword = decision.Evidence[3].Mark;
        Assert.Equal((Field.Keywords, 1, "zeta-pals", "zeta pals"), (keyword.Field, keyword.FieldIndex, keyword.MarkId, keyword.MatchedText));
        Assert.Equal("great zeta pals".Substring(keyword.Start, keyword.Length), keyword.MatchedText);
    }

    // ---- artwork ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, Verdict.Block)]
    [InlineData(31, Verdict.Block)]    // alpha's block_distance (default)
    [InlineData(32, Verdict.Review)]
    [InlineData(45, Verdict.Review)]   // alpha's review_distance (default)
    [InlineData(46, Verdict.Allow)]
    public void ArtworkDistancesOfTheDefaultCase(int distance, Verdict expected)
    {
        var hash = HashAtDistance(registry.CamTheCat, distance, registry.WompBear);
        var decision = Judge(WithHash(Listing("def-1", "plain bear"), hash, quality: 90), Channel.Advertising);
        Assert.Equal(expected, decision.Verdict);
        if (expected != Verdict.Allow)
        {
            var evidence = Assert.Single(decision.Evidence);
            Assert.Equal((Alpha, expected), (evidence.CaseId, evidence.Verdict));
            Assert.Equal(("cam-the-cat", "img-0", distance, 90), (evidence.Artwork.WorkId, evidence.Artwork.ImageId, evidence.Artwork.Distance, evidence.Artwork.Quality));
        }
        else
        {
            AssertAllow(decision);
        }
    }

    [Theory]
    [InlineData(10, Verdict.Block)]    // beta's block_distance: 10
    [InlineData(11, Verdict.Review)]
    [InlineData(20, Verdict.Review)]   // beta's review_distance: 20
    [InlineData(21, Verdict.Allow)]    // within alpha's 45, but womp-bear is beta's work
    public void ArtworkDistancesAreEachCasesOwn(int distance, Verdict expected)
    {
        var hash = HashAtDistance(registry.WompBear, distance, registry.CamTheCat);
        var decision = Judge(WithHash(Listing("anyone", "plain bear"), hash, quality: 100), Channel.Advertising);
        Assert.Equal(expected, decision.Verdict);
        Assert.Equal(expected == Verdict.Allow ? 0 : 1, decision.Evidence.Count);
    }

    [Theory]
    [InlineData(30, Verdict.Review)]   // unreliable hash: at most REVIEW
    [InlineData(49, Verdict.Review)]
    [InlineData(50, Verdict.Block)]
    [InlineData(0, Verdict.Block)]     // pdq_hex with quality 0 = unknown: taken as reliable
    public void LowQualityImagesYieldAtMostReview(int quality, Verdict expected)
    {
        var hash = HashAtDistance(registry.CamTheCat, 5, registry.WompBear);
        var decision = Judge(WithHash(Listing("def-1", "plain bear"), hash, quality), Channel.Advertising);
        Assert.Equal(expected, decision.Verdict);
        var evidence = Assert.Single(decision.Evidence);
        Assert.Equal((expected, quality), (evidence.Verdict, evidence.Artwork.Quality));
    }

    [Fact]
    public void LowQualityCapsArtworkOnlyNotMarks()
    {
        var hash = HashAtDistance(registry.CamTheCat, 5, registry.WompBear);
        var decision = Judge(WithHash(Listing("def-1", "Alphawidget"), hash, quality: 10), Channel.Advertising);
        Assert.Equal(Verdict.Block, decision.Verdict);
        Assert.Equal([Verdict.Block, Verdict.Review], decision.Evidence.Select(e => e.Verdict));
    }

    [Fact]
    public void RealImagesMatchTheirWork()
    {
        var listing = Listing("def-1", "plain bear");
        foreach (string file in new[] { "cam-the-cat__identity.png", "cam-the-cat__grayscale.png", "womp-bunny__identity.png" })
        {
            listing.Images.Add(new Image { ImageId = file, Content = ByteString.CopyFrom(File.ReadAllBytes(RepoPaths.Data("images-public", file))) });
        }
        var decision = Judge(listing, Channel.Advertising);
        Assert.Equal(Verdict.Block, decision.Verdict);
        // womp-bunny is no work of this registry: only the two cat images are evidence.
        Assert.Equal(2, decision.Evidence.Count);
        foreach (var evidence in decision.Evidence)
        {
            Assert.Equal((Alpha, "cam-the-cat"), (evidence.CaseId, evidence.Artwork.WorkId));
            Assert.InRange(evidence.Artwork.Distance, 0, 31);
            Assert.InRange(evidence.Artwork.Quality, 50, 100);
        }
        Assert.Equal(["cam-the-cat__identity.png", "cam-the-cat__grayscale.png"], decision.Evidence.Select(e => e.Artwork.ImageId));

        // The same images from a storefront out of alpha's scope: nothing.
        listing.StorefrontId = "someone-else";
        AssertAllow(Judge(listing, Channel.Advertising));
    }

    // ---- per-item failures -----------------------------------------------------------------------------

    [Fact]
    public void AnItemThatCannotBeJudgedIsReviewWithAnError()
    {
        var noId = Judge(Listing("def-1", "plain", id: ""), Channel.Advertising);
        Assert.Equal((Verdict.Review, "listing_id: required"), (noId.Verdict, noId.Error));

        var badHex = Listing("def-1", "plain");
        badHex.Images.Add(new Image { ImageId = "a", PdqHex = "not-a-hash" });
        var decision = Judge(badHex, Channel.Advertising);
        Assert.Equal(Verdict.Review, decision.Verdict);
        Assert.StartsWith("images[0].pdq_hex:", decision.Error, StringComparison.Ordinal);
        Assert.Empty(decision.Evidence);

        var badBytes = Listing("def-1", "Alphawidget");
        badBytes.Images.Add(new Image { ImageId = "a", PdqHex = new string('0', 64) });
        badBytes.Images.Add(new Image { ImageId = "b", Content = ByteString.CopyFrom(1, 2, 3) });
        badBytes.Images.Add(new Image { ImageId = "c" });
        decision = Judge(badBytes, Channel.Advertising);
        Assert.Equal(Verdict.Review, decision.Verdict);
        Assert.Equal("L-1", decision.ListingId);
        Assert.StartsWith("images[2]: needs content or pdq_hex", decision.Error, StringComparison.Ordinal);

        badBytes.Images.RemoveAt(2);
        decision = Judge(badBytes, Channel.Advertising);
        Assert.Equal(Verdict.Review, decision.Verdict);
        Assert.StartsWith("images[1].content: ", decision.Error, StringComparison.Ordinal);

        var noChannel = Judge(Listing("def-1", "plain"), Channel.Unspecified);
        Assert.Equal(Verdict.Review, noChannel.Verdict);
        Assert.StartsWith("channel: CHANNEL_UNSPECIFIED", noChannel.Error, StringComparison.Ordinal);
        Assert.Equal(Verdict.Review, Judge(Listing("def-1", "plain"), (Channel)42).Verdict);
    }

    [Fact]
    public void LimitsAreEnforcedPerItem()
    {
        var limits = new ClassifierLimits { MaxTitleLength = 10, MaxKeywords = 2, MaxKeywordLength = 5, MaxImages = 1, MaxIdLength = 8, MaxDescriptionLength = 3 };
        var classifier = new ListingClassifier(registry.Prober, new FakeClock(2024, 6, 1), limits);

        var listing = Listing("store-id-too-long", "A title that is too long", "long", "L-1", "ok", "too long keyword");
        listing.Images.Add(new Image { PdqHex = new string('0', 64) });
        listing.Images.Add(new Image { PdqHex = new string('0', 64) });
        var decision = classifier.Classify(registry.Snapshot, listing, Channel.Advertising);
        Assert.Equal(Verdict.Review, decision.Verdict);
        Assert.Equal(
            "storefront_id: longer than 8 characters; title: longer than 10 characters; description: longer than 3 characters; "
            + "keywords[1]: longer than 5 characters; images: more than 1 images",
            decision.Error);

        listing.Keywords.Add("x");
        Assert.Contains("keywords: more than 2 keywords", classifier.Classify(registry.Snapshot, listing, Channel.Advertising).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateNamesContractFieldPaths()
    {
        var classifier = new ListingClassifier(registry.Prober, new FakeClock(2024, 6, 1), ClassifierLimits.Default);
        Assert.Empty(classifier.Validate(Listing("def-1", "fine"), "listing"));

        var listing = Listing("def-1", "fine", id: "");
        listing.Images.Add(new Image { PdqHex = new string('a', 64) });
        listing.Images.Add(new Image { PdqHex = "abc" });
        listing.Images.Add(new Image { Content = ByteString.CopyFromUtf8("not an image") });
        listing.Images.Add(new Image { PdqHex = new string('a', 64), Quality = 101 });
        var violations = classifier.Validate(listing, "listing");
        Assert.Equal(["listing.listing_id", "listing.images[3].quality"], violations.Select(v => v.Field));

        listing.ListingId = "L-9";
        listing.Images.RemoveAt(3);
        violations = classifier.Validate(listing, "listing");
        Assert.Equal(["listing.images[1].pdq_hex", "listing.images[2].content"], violations.Select(v => v.Field));

        Assert.Equal("listing", Assert.Single(classifier.Validate(null, "listing")).Field);
    }

    [Fact]
    public void TryClassifyValidatesAndJudgesInOnePass()
    {
        var classifier = new ListingClassifier(registry.Prober, new FakeClock(2024, 6, 1), ClassifierLimits.Default);
        Assert.True(classifier.TryClassify(registry.Snapshot, Listing("def-1", "Alphawidget"), Channel.Advertising, "listing", out var decision, out var violations));
        Assert.Empty(violations);
        Assert.Equal(Verdict.Block, decision.Verdict);

        Assert.False(classifier.TryClassify(registry.Snapshot, Listing("def-1", "Alphawidget", id: ""), Channel.Unspecified, "listing", out decision, out violations));
        Assert.Equal(["channel", "listing.listing_id"], violations.Select(v => v.Field));
        Assert.Equal(Verdict.Review, decision.Verdict);
    }
}
