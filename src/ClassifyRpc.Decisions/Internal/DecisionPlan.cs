using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// What one snapshot says on one channel on one day: per case whether it counts, its scope and what it
/// protects, over the snapshot's <see cref="SnapshotIndex"/>, and the facts that tell without visiting any
/// case whether a storefront no case names needs its text scanned or its images matched. Built once per
/// (snapshot, day, channel) in O(cases) and shared by every thread; immutable.
/// </summary>
internal sealed class DecisionPlan
{
    private DecisionPlan(RegistrySnapshot snapshot, SnapshotIndex index, DateOnly day, PromotionChannel channel)
    {
        Snapshot = snapshot;
        Day = day;
        Channel = channel;
        Index = index;
        Traits = new CaseTraits[index.Cases.Length];
    }

    public RegistrySnapshot Snapshot { get; }

    public DateOnly Day { get; }

    public PromotionChannel Channel { get; }

    /// <summary>What the snapshot says whatever the day and channel (cases, namings, notices, mark and
    /// work owners and ids).</summary>
    public SnapshotIndex Index { get; }

    /// <summary>By case ordinal: <see cref="CaseTraits.None"/> unless the case is active on <see cref="Day"/>
    /// and enforced on <see cref="Channel"/>.</summary>
    public CaseTraits[] Traits { get; }

    /// <summary>Cases that count (when none does, every listing is ALLOW without a look).</summary>
    public int EnforcedCount { get; private set; }

    /// <summary>Counting any_seller cases with marks: a storefront is in scope of all of them but those that
    /// authorize it.</summary>
    public int AnySellerCasesWithMarks { get; private set; }

    /// <summary>Counting any_seller cases with works.</summary>
    public int AnySellerCasesWithWorks { get; private set; }

    /// <summary>Whether a counting case has marks (else query text is not scanned).</summary>
    public bool AnyMarks { get; private set; }

    /// <summary>The largest review distance of a counting case with works: how far the catalog is searched.</summary>
    public int MaxReviewDistance { get; private set; }

    public static DecisionPlan Build(RegistrySnapshot snapshot, DateOnly day, PromotionChannel channel)
    {
        var plan = new DecisionPlan(snapshot, SnapshotIndex.For(snapshot), day, channel);
        var index = plan.Index;
        for (int c = 0; c < index.Cases.Length; c++)
        {
            var k = index.Cases[c];
            if (!k.IsActive(day) || k.GetChannel(channel) != ChannelState.Enforced)
            {
                continue;
            }
            bool anySeller = k.Scope == CaseScope.AnySeller;
            var traits = CaseTraits.Enforced;
            if (anySeller)
            {
                traits |= CaseTraits.AnySeller;
            }
            if (index.HasMarks[c])
            {
                traits |= CaseTraits.HasMarks;
                plan.AnyMarks = true;
                plan.AnySellerCasesWithMarks += anySeller ? 1 : 0;
            }
            if (index.HasWorks[c])
            {
                traits |= CaseTraits.HasWorks;
                plan.MaxReviewDistance = Math.Max(plan.MaxReviewDistance, k.ReviewDistance);
                plan.AnySellerCasesWithWorks += anySeller ? 1 : 0;
            }
            plan.Traits[c] = traits;
            plan.EnforcedCount++;
        }
        return plan;
    }
}
