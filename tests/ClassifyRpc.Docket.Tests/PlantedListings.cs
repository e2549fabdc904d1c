using System.Text.Json;
using ClassifyRpc.V1;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Docket.Tests;

/// <summary>What the docket tests read of a generated listings file, once.</summary>
internal static class PlantedListings
{
    /// <summary>Every channel, with its name in a case's <c>channels</c>.</summary>
    public static readonly (Channel Channel, string Name)[] Channels =
    [
        (Channel.Advertising, "advertising"), (Channel.Email, "email"), (Channel.Search, "search"),
        (Channel.Recommendation, "recommendation"), (Channel.Listing, "listing"),
    ];

    /// <summary>The listing of one line of <c>listings.jsonl</c>, as the contract carries it.</summary>
    public static Listing Read(JsonElement root)
    {
        var listing = new Listing
        {
            ListingId = root.GetProperty("listing_id").GetString()!,
            StorefrontId = root.GetProperty("storefront_id").GetString()!,
            Title = root.GetProperty("title").GetString()!,
            Description = root.GetProperty("description").GetString()!,
        };
        listing.Keywords.AddRange(root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()!));
        return listing;
    }
}
