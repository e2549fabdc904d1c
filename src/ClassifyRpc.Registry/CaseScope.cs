namespace ClassifyRpc.Registry;

public enum CaseScope
{
    /// <summary>Only the storefronts the order names (defendants / defendants_file).</summary>
    Defendants = 0,
    /// <summary>Every storefront except the authorized sellers.</summary>
    AnySeller = 1,
}
