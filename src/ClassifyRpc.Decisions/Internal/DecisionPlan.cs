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
        Cases = index.Cases;
        HasMarks = index.HasMarks;
        HasWorks = index.HasWorks;
        MarkCase = index.MarkCase;
        MarkIds = index.MarkIds;
        WorkCase = index.WorkCase;
        WorkIds = index.WorkIds;
        IsEnforced = new bool[Cases.Length];
    }

    public RegistrySnapshot Snapshot { get; }

    public DateOnly Day { get; }

    public PromotionChannel Channel { get; }

    /// <summary>All cases by ordinal.</summary>
    public Case[] Cases { get; }

    /// <summary>Ordinals of the cases active on <see cref="Day"/> and enforced on <see cref="Channel"/>,
    /// in case order.</summary>
    public int[] Enforced { get; private set; } = [];

    /// <summary>By case ordinal: counts on this channel today.</summary>
    public bool[] IsEnforced { get; }

    /// <summary>By case ordinal: the case has marks / works.</summary>
    public bool[] HasMarks { get; }

    public bool[] HasWorks { get; }

    /// <summary>By mark ordinal (= <c>MarkHit.MarkIndex</c>): its case ordinal.</summary>
    public int[] MarkCase { get; }

    public string[] MarkIds { get; }

    /// <summary>By work ordinal (= <c>ArtworkHit.WorkOrdinal</c>): its case ordinal.</summary>
    public int[] WorkCase { get; }

    public string[] WorkIds { get; }

    /// <summary>Whether an enforced case has marks (else query text is not scanned).</summary>
    public bool AnyMarks { get; private set; }

    /// <summary>The largest review distance of an enforced case with works: how far the catalog is searched.</summary>
    public int MaxReviewDistance { get; private set; }

    public static DecisionPlan Build(RegistrySnapshot snapshot, DateOnly day, PromotionChannel channel)
    {
        var plan = new DecisionPlan(snapshot, SnapshotIndex.For(snapshot), day, channel);
        var enforced = new List<int>(plan.Cases.Length);
        for (int c = 0; c < plan.Cases.Length; c++)
        {
            var k = plan.Cases[c];
            if (k.IsActive(day) && k.GetChannel(channel) == ChannelState.Enforced)
            {
                plan.IsEnforced[c] = true;
                enforced.Add(c);
                plan.AnyMarks |= plan.HasMarks[c];
                if (plan.HasWorks[c])
                {
                    plan.MaxReviewDistance = Math.Max(plan.MaxReviewDistance, k.ReviewDistance);
                }
            }
        }
        plan.Enforced = [.. enforced];
        return plan;
    }
}
