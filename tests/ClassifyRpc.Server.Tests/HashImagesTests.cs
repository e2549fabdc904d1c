using ClassifyRpc.Server.Tests.Infrastructure;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Google.Protobuf;
using Xunit;
using static ClassifyRpc.Server.Tests.Infrastructure.Listings;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Server.Tests;

public sealed class HashImagesTests : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ByteString ImageBytes(string name) => ByteString.CopyFrom(File.ReadAllBytes(RepoPaths.Data("images-public", name)));

    [Fact]
    public async Task HashesEachImageAndReportsBadOnesPerImage()
    {
        var request = new HashImagesRequest
        {
            Images =
            {
                new Image { ImageId = "bear", Content = ImageBytes("womp-bear__identity.png") },
                new Image { ImageId = "junk", Content = ByteString.CopyFromUtf8("not an image") },
                new Image { ImageId = "hex", PdqHex = new string('A', 64), Quality = 77 },
                new Image { ImageId = "bad-hex", PdqHex = "xyz" },
                new Image { ImageId = "empty" },
                new Image { ImageId = "bear-again", Content = ImageBytes("womp-bear__identity.png") },
            },
        };

        var response = await _server.Classifier.HashImagesAsync(request);

        Assert.Equal(request.Images.Select(i => i.ImageId), response.Hashes.Select(h => h.ImageId));
        var bear = response.Hashes[0];
        Assert.Equal("", bear.Error);
        Assert.Matches("^[0-9a-f]{64}$", bear.PdqHex);
        Assert.InRange(bear.Quality, 50, 100);
        Assert.Contains("images[1].content", response.Hashes[1].Error, StringComparison.Ordinal);
        Assert.Equal("", response.Hashes[1].PdqHex);
        Assert.Equal(new string('a', 64), response.Hashes[2].PdqHex);
        Assert.Equal(77, response.Hashes[2].Quality);
        Assert.Contains("images[3].pdq_hex", response.Hashes[3].Error, StringComparison.Ordinal);
        Assert.Contains("images[4]", response.Hashes[4].Error, StringComparison.Ordinal);
        Assert.Equal(bear.PdqHex, response.Hashes[5].PdqHex);
        Assert.Equal(bear.Quality, response.Hashes[5].Quality);
    }

    [Fact]
    public async Task AHashFromHashImagesFindsTheArtworkInClassify()
    {
        var hashed = await _server.Classifier.HashImagesAsync(new HashImagesRequest
        {
            Images = { new Image { ImageId = "x", Content = ImageBytes("womp-bunny__jpeg_q70.jpg") } },
        });
        var hash = Assert.Single(hashed.Hashes);
        var listing = Make(Bystander, "Cute plush");
        listing.Images.Add(new Image { ImageId = "photo-1", PdqHex = hash.PdqHex, Quality = hash.Quality });

        var response = await _server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = listing, Channel = Channel.Advertising });

        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        var evidence = Assert.Single(response.Decision.Evidence);
        Assert.Equal("womp-works-v-schedule-a", evidence.CaseId);
        Assert.Equal("womp-bunny", evidence.Artwork.WorkId);
        Assert.Equal("photo-1", evidence.Artwork.ImageId);
        Assert.InRange(evidence.Artwork.Distance, 0, 31);
    }

    [Fact]
    public async Task ImageBytesInAListingAreMatched()
    {
        var listing = Make(KellyDefendant, "Cute plush");
        listing.Images.Add(new Image { ImageId = "p", Content = ImageBytes("cam-the-cat__identity.png") });

        var response = await _server.Classifier.ClassifyAsync(new ClassifyRequest { Listing = listing, Channel = Channel.Email });

        Assert.Equal(Verdict.Block, response.Decision.Verdict);
        Assert.Equal("cam-the-cat", Assert.Single(response.Decision.Evidence).Artwork.WorkId);
    }
}
