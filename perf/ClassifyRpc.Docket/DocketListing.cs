namespace ClassifyRpc.Docket;

/// <summary>One generated listing, in the shape of tests/data/listings-public.jsonl (listing_id, storefront_id,
/// title, description, keywords, label).</summary>
public sealed record DocketListing(string ListingId, string StorefrontId, string Title, string Description, IReadOnlyList<string> Keywords, DocketLabel Label);
