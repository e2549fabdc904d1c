using ClassifyRpc.Docket.Internal;

namespace ClassifyRpc.Docket;

/// <summary>
/// A docket in memory: every order, mark and work, without the files (no image drawn, no defendant listed). What
/// the benchmarks need (the mark texts) comes from here at the cost of naming the marks, about a second for 50,000.
/// </summary>
public sealed class DocketPlan
{
    /// <summary>Storefronts that are nobody's defendants: out-of-scope sellers and benign listings' sellers.</summary>
    public const int PoolStorefronts = 100_000;

    internal DocketPlan(DocketOptions options, IReadOnlyList<DocketOrder> orders, IReadOnlyList<DocketMark> marks, IReadOnlyList<DocketWork> works, MarkIndex index)
    {
        Options = options;
        Orders = orders;
        Marks = marks;
        Works = works;
        Index = index;
    }

    public DocketOptions Options { get; }

    public IReadOnlyList<DocketOrder> Orders { get; }

    /// <summary>Every mark, in order of <see cref="DocketMark.Ordinal"/>.</summary>
    public IReadOnlyList<DocketMark> Marks { get; }

    /// <summary>Every work, in order of <see cref="DocketWork.Ordinal"/>.</summary>
    public IReadOnlyList<DocketWork> Works { get; }

    /// <summary>The readings of every mark, to keep generated listings free of marks they do not plant.</summary>
    internal MarkIndex Index { get; }

    /// <summary>Defendant <paramref name="k"/> of order <paramref name="order"/>: unique across the docket.</summary>
    public string DefendantId(int order, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Options.DefendantsPerOrder);
        return StorefrontIds.Of(Options.Seed, (long)order * Options.DefendantsPerOrder + k);
    }

    /// <summary>Storefront <paramref name="j"/> of the pool no order names.</summary>
    public string PoolStorefrontId(int j)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(j, PoolStorefronts);
        return StorefrontIds.Of(Options.Seed, (long)Options.Orders * Options.DefendantsPerOrder + j);
    }
}
