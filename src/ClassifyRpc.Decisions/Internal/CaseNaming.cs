namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// One case naming one storefront: as an authorized seller, or as a defendant it reaches (scope
/// defendants, not also authorized by it). Packed into one int (case ordinals are below 2^30: a registry
/// holds far fewer cases), so a storefront's namings cost four bytes each. A storefront's namings are
/// sorted by case, one per case at most.
/// </summary>
internal readonly struct CaseNaming
{
    private readonly int _packed;

    public CaseNaming(int caseOrdinal, bool authorized) => _packed = (caseOrdinal << 1) | (authorized ? 1 : 0);

    public int Case => _packed >> 1;

    /// <summary>Authorized seller of <see cref="Case"/> (else one of its defendants, in its scope).</summary>
    public bool IsAuthorized => (_packed & 1) != 0;

    /// <summary>Where <paramref name="caseOrdinal"/> is in <paramref name="namings"/> (sorted by case), or a
    /// negative number when that case does not name the storefront.</summary>
    public static int IndexOf(ReadOnlySpan<CaseNaming> namings, int caseOrdinal)
    {
        int lo = 0;
        int hi = namings.Length - 1;
        while (lo <= hi)
        {
            int mid = (int)((uint)(lo + hi) >> 1);
            int c = namings[mid].Case;
            if (c == caseOrdinal)
            {
                return mid;
            }
            if (c < caseOrdinal)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
