using System.Globalization;

namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// Ten-digit storefront ids like the bundled registry's, unique by construction: serial number n maps to
/// 1,000,000,000 + (n * M + offset) mod 9,000,000,000 with M prime to that modulus, a bijection, so 2,000,000
/// defendants need no set to stay distinct and any defendant's id can be computed again from (order, k).
/// </summary>
internal static class StorefrontIds
{
    private const long Space = 9_000_000_000;

    /// <summary>Prime, and prime to 2, 3 and 5 (the factors of <see cref="Space"/>).</summary>
    private const long Multiplier = 6_700_417;

    public static string Of(int seed, long serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        long offset = (long)(DocketRandom.For(seed, "storefronts").NextUInt64() % Space);
        long n = (long)(((UInt128)(ulong)serial * Multiplier + (ulong)offset) % Space);
        return (1_000_000_000 + n).ToString(CultureInfo.InvariantCulture);
    }
}
