namespace ClassifyRpc.Docket;

/// <summary>One generated court order: what its case file says. Its defendants are computed, not stored
/// (<see cref="DocketPlan.DefendantId"/>): 2,000,000 strings would outweigh everything else in the plan.</summary>
public sealed record DocketOrder
{
    public required int Index { get; init; }

    public required string Id { get; init; }

    public required string Plaintiff { get; init; }

    public required string Title { get; init; }

    public required string Court { get; init; }

    public required string Docket { get; init; }

    public required string OrderName { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    public DateOnly? Expires { get; init; }

    /// <summary><c>scope: any_seller</c>; otherwise <c>scope: defendants</c> with <see cref="DefendantCount"/> defendants.</summary>
    public required bool AnySeller { get; init; }

    /// <summary>The channels the order is stayed on (every other one is enforced).</summary>
    public required IReadOnlyList<string> StayedChannels { get; init; }

    /// <summary><c>fuzzy_verdict: block</c>; otherwise review.</summary>
    public required bool FuzzyBlocks { get; init; }

    public required IReadOnlyList<DocketMark> Marks { get; init; }

    public required IReadOnlyList<DocketWork> Works { get; init; }

    public required int DefendantCount { get; init; }

    public required IReadOnlyList<string> AuthorizedSellers { get; init; }

    /// <summary>Notices in the order's notices file (0: no notices_file). Their listing ids are never those of
    /// generated listings, so a listing's label alone decides its verdict.</summary>
    public required int NoticeCount { get; init; }

    public string? DefendantsFile => AnySeller ? null : $"defendants/{Id}.txt";

    public string? NoticesFile => NoticeCount == 0 ? null : $"notices/{Id}.csv";

    /// <summary>The file of the case, relative to the registry folder.</summary>
    public string CaseFile => $"cases/{Id}.yaml";
}
