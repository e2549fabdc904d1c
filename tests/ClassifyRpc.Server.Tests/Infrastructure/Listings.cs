using ClassifyRpc.V1;

namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>Storefronts and listing ids of the bundled registry that the tests lean on.</summary>
internal static class Listings
{
    /// <summary>A defendant of kelly-toys-v-19885566-store (first line of its defendants file).</summary>
    public const string KellyDefendant = "19885566";

    /// <summary>A defendant of lumi-labs-v-doe-sellers.</summary>
    public const string LumiDefendant = "9174105852";

    /// <summary>Named by no case.</summary>
    public const string Bystander = "1000000001";

    public const string KellyAuthorized = "kellytoys-official";

    public const string WompAuthorized = "snugglewomp-official";

    /// <summary>First row of kelly's notices file.</summary>
    public const string NoticedListing = "L16843d2176000425";

    public const string NoticeReference = "notice-0001";

    public static Listing Make(string storefront, string title, string id = "L-test", string description = "", params string[] keywords)
    {
        var listing = new Listing { ListingId = id, StorefrontId = storefront, Title = title, Description = description };
        listing.Keywords.Add(keywords);
        return listing;
    }
}
