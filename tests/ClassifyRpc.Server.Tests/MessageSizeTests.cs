using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Grpc.Core;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

public sealed class MessageSizeTests
{
    [Fact]
    public async Task AMessageOverMaxMessageBytesIsRefused()
    {
        await using var server = await ServerHost.StartAsync(settings: ["--ClassifyRpc:MaxMessageBytes=4096"]);

        var small = await server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = Make(KellyDefendant, "Squishmallows"), Channel = Channel.Search });
        Assert.Equal(Verdict.Block, small.Decision.Verdict);

        var big = new ClassifyRequest { Listing = Make(KellyDefendant, "Squishmallows", description: new string('d', 8192)), Channel = Channel.Search };
        var e = await Assert.ThrowsAsync<RpcException>(async () => await server.Classifier.ClassifyAsync(big));
        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
    }
}
