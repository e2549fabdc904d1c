using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.V1;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

/// <summary>Bad unary input: INVALID_ARGUMENT with google.rpc.BadRequest naming the field. Limits are
/// configured small through the ClassifyRpc section to prove they are bound from configuration.</summary>
public sealed class InvalidArgumentTests : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync(settings:
        ["--ClassifyRpc:MaxTitleLength=64", "--ClassifyRpc:MaxImages=2", "--ClassifyRpc:MaxQueryLength=32", "--ClassifyRpc:MaxHashImages=3"]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static BadRequest.Types.FieldViolation SingleViolation(RpcException e)
    {
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var status = e.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)Code.InvalidArgument, status.Code);
        var badRequest = status.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return Assert.Single(badRequest.FieldViolations);
    }

    private async Task<BadRequest.Types.FieldViolation> ClassifyFails(Listing? listing, Channel channel = Channel.Advertising)
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await _server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = listing, Channel = channel }));
        return SingleViolation(e);
    }

    [Fact]
    public async Task MissingListingId()
    {
        var violation = await ClassifyFails(Make(KellyDefendant, "Squishmallows", id: ""));
        Assert.Equal("listing.listing_id", violation.Field);
        Assert.NotEmpty(violation.Description);
    }

    [Fact]
    public async Task MissingListing()
    {
        var violation = await ClassifyFails(null);
        Assert.Equal("listing", violation.Field);
    }

    [Fact]
    public async Task UnspecifiedChannel()
    {
        var violation = await ClassifyFails(Make(KellyDefendant, "Squishmallows"), Channel.Unspecified);
        Assert.Equal("channel", violation.Field);
        Assert.Contains("CHANNEL_UNSPECIFIED", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownChannelNumber()
    {
        var violation = await ClassifyFails(Make(KellyDefendant, "Squishmallows"), (Channel)42);
        Assert.Equal("channel", violation.Field);
    }

    [Fact]
    public async Task TitleOverTheConfiguredLimit()
    {
        var violation = await ClassifyFails(Make(KellyDefendant, new string('x', 65)));
        Assert.Equal("listing.title", violation.Field);
    }

    [Fact]
    public async Task TitleAtTheLimitIsJudged()
    {
        var response = await _server.Classifier.ClassifyAsync(new ClassifyRequest
        {
            Listing = Make(KellyDefendant, "Squishmallows" + new string('x', 51)),
            Channel = Channel.Advertising,
        });
        Assert.Equal(Verdict.Block, response.Decision.Verdict);
    }

    [Fact]
    public async Task TooManyImages()
    {
        var listing = Make(Bystander, "teddy");
        for (var i = 0; i < 3; i++)
        {
            listing.Images.Add(new Image { ImageId = $"i{i}", PdqHex = new string('0', 64) });
        }
        var violation = await ClassifyFails(listing);
        Assert.Equal("listing.images", violation.Field);
    }

    [Fact]
    public async Task BadPdqHex()
    {
        var listing = Make(Bystander, "teddy");
        listing.Images.Add(new Image { ImageId = "i0", PdqHex = "not-hex" });
        var violation = await ClassifyFails(listing);
        Assert.Equal("listing.images[0].pdq_hex", violation.Field);
    }

    [Fact]
    public async Task UndecodableImage()
    {
        var listing = Make(Bystander, "teddy");
        listing.Images.Add(new Image { ImageId = "i0", Content = ByteString.CopyFromUtf8("definitely not an image") });
        var violation = await ClassifyFails(listing);
        Assert.Equal("listing.images[0].content", violation.Field);
        Assert.NotEmpty(violation.Description);
    }

    [Fact]
    public async Task EveryViolationIsNamed()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () => await _server.Classifier.ClassifyAsync(
            new ClassifyRequest { Listing = Make(KellyDefendant, new string('x', 65), id: ""), Channel = Channel.Unspecified }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        var fields = e.GetRpcStatus()!.GetDetail<BadRequest>()!.FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal);
        Assert.Equal(["channel", "listing.listing_id", "listing.title"], fields);
        Assert.Contains("more field violation", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryOverTheConfiguredLimit()
    {
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
            await _server.Classifier.ClassifyQueryAsync(new QueryRequest { Query = new string('q', 33) }));
        Assert.Equal("query", SingleViolation(e).Field);
    }

    [Fact]
    public async Task TooManyImagesToHash()
    {
        var request = new HashImagesRequest();
        for (var i = 0; i < 4; i++)
        {
            request.Images.Add(new Image { ImageId = $"i{i}", PdqHex = new string('0', 64) });
        }
        var e = await Assert.ThrowsAsync<RpcException>(async () => await _server.Classifier.HashImagesAsync(request));
        Assert.Equal("images", SingleViolation(e).Field);
    }
}
