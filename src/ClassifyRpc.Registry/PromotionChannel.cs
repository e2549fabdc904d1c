namespace ClassifyRpc.Registry;

/// <summary>A promotion channel an order can enjoin. Numbered as the contract's <c>Channel</c> enum so a
/// cast converts between them.</summary>
public enum PromotionChannel
{
    Advertising = 1,
    Email = 2,
    Search = 3,
    Recommendation = 4,
    Listing = 5,
}
