using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

public sealed class ClassifyQueryTests : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static List<string> DefendantsOf(string caseId) =>
        File.ReadLines(Path.Combine(RepoPaths.DefaultRegistry, "defendants", caseId + ".txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private async Task<QueryResponse> Query(string query, Channel channel = Channel.Unspecified) =>
        await _server.Classifier.ClassifyQueryAsync(new QueryRequest { Query = query, Channel = channel });

    [Fact]
    public async Task DefendantsCaseExcludesItsStorefrontsWithoutSuppressing()
    {
        var response = await Query("squishmallows");

        Assert.Equal(Verdict.Block, response.Verdict);
        Assert.False(response.Suppress);
        Assert.Equal(["kelly-toys-v-19885566-store"], response.CaseIds);
        Assert.Equal(DefendantsOf("kelly-toys-v-19885566-store").Order(StringComparer.Ordinal), response.ExcludedStorefrontIds.Order(StringComparer.Ordinal));
        var mark = Assert.Single(response.Marks);
        Assert.Equal("squishmallows", mark.MarkId);
        Assert.Equal(Field.Query, mark.Field);
        Assert.Equal(0, mark.Start);
    }

    [Fact]
    public async Task AnySellerCaseSuppresses()
    {
        var response = await Query("snugglewomp plush", Channel.Recommendation);

        Assert.Equal(Verdict.Block, response.Verdict);
        Assert.True(response.Suppress);
        Assert.Equal(["womp-works-v-schedule-a"], response.CaseIds);
        Assert.Empty(response.ExcludedStorefrontIds);
    }

    [Fact]
    public async Task FuzzyOnlyIsReview()
    {
        var response = await Query("snguglewomp");

        Assert.Equal(Verdict.Review, response.Verdict);
        Assert.Equal(1, Assert.Single(response.Marks).Edits);
    }

    [Theory]
    [InlineData(Channel.Unspecified, Verdict.Allow)] // defaults to SEARCH, where lumi says nothing
    [InlineData(Channel.Search, Verdict.Allow)]
    [InlineData(Channel.Advertising, Verdict.Block)]
    public async Task ChannelDefaultsToSearch(Channel channel, Verdict expected)
    {
        var response = await Query("lumi lamp", channel);

        Assert.Equal(expected, response.Verdict);
        if (expected == Verdict.Block)
        {
            Assert.Equal(DefendantsOf("lumi-labs-v-doe-sellers").Order(StringComparer.Ordinal), response.ExcludedStorefrontIds.Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.Empty(response.Marks);
            Assert.Empty(response.ExcludedStorefrontIds);
        }
    }

    [Fact]
    public async Task StayedChannelSaysNothing()
    {
        var response = await Query("squishmallows", Channel.Listing);

        Assert.Equal(Verdict.Allow, response.Verdict);
        Assert.Empty(response.CaseIds);
        Assert.False(response.Suppress);
    }

    [Fact]
    public async Task CarriesTheRegistryVersion()
    {
        var info = await _server.Admin.GetRegistryInfoAsync(new GetRegistryInfoRequest());
        Assert.Equal(info.Version, (await Query("teddy bear")).RegistryVersion);
    }
}
