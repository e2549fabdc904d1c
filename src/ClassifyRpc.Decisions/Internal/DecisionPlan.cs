using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// What one snapshot says on one channel on one day: the enforced active cases, as arrays, over the
/// snapshot's <see cref="SnapshotIndex"/>, so judging a listing is index lookups. Built once per
/// (snapshot, day, channel) and shared by every thread; immutable.
/// </summary>
internal sealed class DecisionPlan
{
    private DecisionPlan(RegistrySnapshot snapshot, SnapshotIndex index, DateOnly day, PromotionChannel channel)
    {
        Snapshot = snapshot;
        Day = day;
        Channel = channel;
        Index = index;
        IsEnforced = new bool[index.Cases.Length];
    }

    public RegistrySnapshot Snapshot { get; }

    public DateOnly Day { get; }

    public PromotionChannel Channel { get; }

    /// <summary>What the snapshot says whatever the day and channel (cases, mark and work owners and ids).</summary>
    public SnapshotIndex Index { get; }

    /// <summary>Ordinals of the cases active on <see cref="Day"/> and enforced on <see cref="Channel"/>,
    /// in case order.</summary>
    public int[] Enforced { get; private set; } = [];

    /// <summary>By case ordinal: counts on this channel today.</summary>
    public bool[] IsEnforced { get; }

    /// <summary>Whether an enforced case has marks (else query text is not scanned).</summary>
    public bool AnyMarks { get; private set; }

    /// <summary>The largest review distance of an enforced case with works: how far the catalog is searched.</summary>
    public int MaxReviewDistance { get; private set; }

    public static DecisionPlan Build(RegistrySnapshot snapshot, DateOnly day, PromotionChannel channel)
    {
        var plan = new DecisionPlan(snapshot, SnapshotIndex.For(snapshot), day, channel);
        var enforced = new List<int>(plan.Index.Cases.Length);
        for (int c = 0; c < plan.Index.Cases.Length; c++)
        {
            var k = plan.Index.Cases[c];
            if (k.IsActive(day) && k.GetChannel(channel) == ChannelState.Enforced)
            {
                plan.IsEnforced[c] = true;
                enforced.Add(c);
                plan.AnyMarks |= plan.Index.HasMarks[c];
                if (plan.Index.HasWorks[c])
                {
                    plan.MaxReviewDistance = Math.Max(plan.MaxReviewDistance, k.ReviewDistance);
                }
            }
        }
        plan.Enforced = [.. enforced];
        return plan;
    }
}
