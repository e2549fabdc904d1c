using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

/// <summary>"Today" comes from the TimeProvider registered in DI: lumi-labs runs 2025-01-15 to 2099-01-01.</summary>
public sealed class ExpiryTests
{
    [Theory]
    [InlineData(2025, 1, 14, Verdict.Allow)]  // before effective_from
    [InlineData(2025, 1, 15, Verdict.Block)]  // effective_from is inclusive
    [InlineData(2098, 12, 31, Verdict.Block)]
    [InlineData(2099, 1, 1, Verdict.Allow)]   // expires is exclusive
    public async Task CaseCountsOnlyWhileActive(int year, int month, int day, Verdict expected)
    {
        await using var server = await ServerHost.StartAsync(today: new DateOnly(year, month, day));

        var response = await server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = Make(LumiDefendant, "Lumi lamp"), Channel = Channel.Advertising });

        Assert.Equal(expected, response.Decision.Verdict);
    }

    [Fact]
    public async Task ARunningServerSeesTheDateChange()
    {
        await using var server = await ServerHost.StartAsync(today: new DateOnly(2098, 12, 31));
        var request = new ClassifyRequest { Listing = Make(LumiDefendant, "Lumi lamp"), Channel = Channel.Advertising };
        Assert.Equal(Verdict.Block, (await server.Classifier.ClassifyAsync(request)).Decision.Verdict);

        server.Clock.Today = new DateOnly(2099, 1, 1);

        Assert.Equal(Verdict.Allow, (await server.Classifier.ClassifyAsync(request)).Decision.Verdict);
    }
}
