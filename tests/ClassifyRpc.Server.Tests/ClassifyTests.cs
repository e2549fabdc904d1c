using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

/// <summary>Unary Classify over a real socket against the bundled registry, one rule at a time.</summary>
public sealed class ClassifyTests : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<ClassifyResponse> Classify(Listing listing, Channel channel) =>
        await _server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = listing, Channel = channel });

    [Theory]
    // kelly-toys: enforced on four channels, stayed on listing.
    [InlineData(Channel.Advertising, Verdict.Block)]
    [InlineData(Channel.Email, Verdict.Block)]
    [InlineData(Channel.Search, Verdict.Block)]
    [InlineData(Channel.Recommendation, Verdict.Block)]
    [InlineData(Channel.Listing, Verdict.Allow)]
    public async Task KellyMarkOnDefendantFollowsChannelState(Channel channel, Verdict expected)
    {
        var response = await Classify(Make(KellyDefendant, "Cute Squishmallows plush 20cm"), channel);

        Assert.Equal(expected, response.Decision.Verdict);
        Assert.Equal("", response.Decision.Error);
        if (expected == Verdict.Allow)
        {
            Assert.Empty(response.Decision.Evidence);
        }
        else
        {
            var evidence = Assert.Single(response.Decision.Evidence);
            Assert.Equal("kelly-toys-v-19885566-store", evidence.CaseId);
            Assert.Equal(Verdict.Block, evidence.Verdict);
            Assert.Equal("squishmallows", evidence.Mark.MarkId);
        }
    }

    [Theory]
    // lumi-labs names advertising and email only: absent channels say nothing.
    [InlineData(Channel.Advertising, Verdict.Block)]
    [InlineData(Channel.Email, Verdict.Block)]
    [InlineData(Channel.Search, Verdict.Allow)]
    [InlineData(Channel.Recommendation, Verdict.Allow)]
    [InlineData(Channel.Listing, Verdict.Allow)]
    public async Task LumiMarkOnlyCountsWhereEnforced(Channel channel, Verdict expected)
    {
        var response = await Classify(Make(LumiDefendant, "LUMI night light"), channel);
        Assert.Equal(expected, response.Decision.Verdict);
    }

    [Fact]
    public async Task DefendantsScopeIgnoresOtherStorefrontsWithoutEvidence()
    {
        var response = await Classify(Make(Bystander, "Cute Squishmallows plush"), Channel.Advertising);

        Assert.Equal(Verdict.Allow, response.Decision.Verdict);
        Assert.Empty(response.Decision.Evidence);
    }

    [Fact]
    public async Task AnySellerScopeReachesEveryStorefront()
    {
        var response = await Classify(Make(Bystander, "Snugglewomp bear"), Channel.Listing);

        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        var evidence = Assert.Single(response.Decision.Evidence);
        Assert.Equal("womp-works-v-schedule-a", evidence.CaseId);
    }

    [Theory]
    [InlineData(KellyAuthorized, "Squishmallows official store", Channel.Advertising)]
    [InlineData(WompAuthorized, "Snugglewomp official plush", Channel.Search)]
    public async Task AuthorizedSellerIsAllowed(string storefront, string title, Channel channel)
    {
        var response = await Classify(Make(storefront, title), channel);

        Assert.Equal(Verdict.Allow, response.Decision.Verdict);
        Assert.Empty(response.Decision.Evidence);
    }

    [Fact]
    public async Task NoticeBlocksWhateverTheStorefrontAndText()
    {
        var response = await Classify(Make(Bystander, "Plain teddy bear", NoticedListing), Channel.Email);

        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        var evidence = Assert.Single(response.Decision.Evidence);
        Assert.Equal("kelly-toys-v-19885566-store", evidence.CaseId);
        Assert.Equal(Evidence.KindOneofCase.Notice, evidence.KindCase);
        Assert.Equal(NoticeReference, evidence.Notice.Reference);
    }

    [Fact]
    public async Task NoticeSaysNothingOnAStayedChannel()
    {
        var response = await Classify(Make(Bystander, "Plain teddy bear", NoticedListing), Channel.Listing);
        Assert.Equal(Verdict.Allow, response.Decision.Verdict);
    }

    [Fact]
    public async Task FuzzyMatchGetsTheCaseFuzzyVerdict()
    {
        // One swap away from Snugglewomp; womp-works says fuzzy_verdict: review.
        var response = await Classify(Make(Bystander, "New Bear Blanket Snguglewomp 40cm"), Channel.Advertising);

        Assert.Equal(Verdict.Review, response.Decision.Verdict);
        var evidence = Assert.Single(response.Decision.Evidence);
        Assert.Equal(Verdict.Review, evidence.Verdict);
        Assert.Equal("snugglewomp", evidence.Mark.MarkId);
        Assert.Equal(1, evidence.Mark.Edits);
        Assert.Equal("Snguglewomp", evidence.Mark.MatchedText);
    }

    [Fact]
    public async Task EvidenceOffsetsAreUtf16OffsetsIntoTheOriginalField()
    {
        var listing = Make(KellyDefendant, "Plush toy", description: "Soft. Genuine Ｓｑｕｉｓｈｍａｌｌｏｗｓ inside.",
            keywords: ["kawaii", "big squish mallow"]);
        var response = await Classify(listing, Channel.Advertising);

        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        var marks = response.Decision.Evidence.Select(e => e.Mark).OrderBy(m => m.Field).ToList();
        Assert.Equal(2, marks.Count);

        Assert.Equal(Field.Description, marks[0].Field);
        Assert.Equal(listing.Description.IndexOf('Ｓ', StringComparison.Ordinal), marks[0].Start);
        // The span covers the mark with or without its plural s (the design drops one trailing s).
        Assert.Contains(marks[0].Length, new[] { 12, 13 });
        Assert.Equal(listing.Description.Substring(marks[0].Start, marks[0].Length), marks[0].MatchedText);
        Assert.StartsWith("Ｓｑｕｉｓｈｍａｌｌｏｗ", marks[0].MatchedText, StringComparison.Ordinal);

        Assert.Equal(Field.Keywords, marks[1].Field);
        Assert.Equal(1, marks[1].FieldIndex);
        Assert.Equal(4, marks[1].Start);
        Assert.Equal("squish mallow", marks[1].MatchedText);
        Assert.Equal(0, marks[1].Edits);
    }

    [Fact]
    public async Task StrongestVerdictOverCasesWinsAndEvidenceNamesEachCase()
    {
        // A kelly defendant selling both marks: kelly BLOCKs (exact), womp REVIEWs (fuzzy).
        var response = await Classify(Make(KellyDefendant, "Squishmallows and Snguglewomp bundle"), Channel.Advertising);

        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        Assert.Contains(response.Decision.Evidence, e => e.CaseId == "kelly-toys-v-19885566-store" && e.Verdict == Verdict.Block);
    }

    [Fact]
    public async Task ResponseCarriesTheRegistryVersion()
    {
        var info = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
        var response = await Classify(Make(Bystander, "teddy"), Channel.Search);

        Assert.Equal(info.Version, response.RegistryVersion);
        Assert.Equal(Verdict.Allow, response.Decision.Verdict);
        Assert.Equal("L-test", response.Decision.ListingId);
    }
}
