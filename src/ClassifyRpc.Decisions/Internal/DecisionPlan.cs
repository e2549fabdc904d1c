using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// What one snapshot says on one channel on one day, flattened into arrays so judging a listing is
/// index lookups: the enforced active cases, and per mark and per work the case it belongs to. Built
/// once per (snapshot, day, channel) and shared by every thread; immutable.
/// </summary>
internal sealed class DecisionPlan
{
    private DecisionPlan(RegistrySnapshot snapshot, DateOnly day, PromotionChannel channel)
    {
        Snapshot = snapshot;
        Day = day;
        Channel = channel;
    }

    public RegistrySnapshot Snapshot { get; }

    public DateOnly Day { get; }

    public PromotionChannel Channel { get; }

    /// <summary>All cases by ordinal.</summary>
    public Case[] Cases { get; private set; } = [];

    /// <summary>Ordinals of the cases active on <see cref="Day"/> and enforced on <see cref="Channel"/>.</summary>
    public int[] Enforced { get; private set; } = [];

    /// <summary>By case ordinal: counts on this channel today.</summary>
    public bool[] IsEnforced { get; private set; } = [];

    /// <summary>By case ordinal: the case has marks / works.</summary>
    public bool[] HasMarks { get; private set; } = [];

    public bool[] HasWorks { get; private set; } = [];

    /// <summary>By mark ordinal (= <c>MarkHit.MarkIndex</c>): its case ordinal.</summary>
    public int[] MarkCase { get; private set; } = [];

    public string[] MarkIds { get; private set; } = [];

    /// <summary>By work ordinal (= <c>ArtworkHit.WorkOrdinal</c>): its case ordinal.</summary>
    public int[] WorkCase { get; private set; } = [];

    public string[] WorkIds { get; private set; } = [];

    /// <summary>Whether an enforced case has marks (else listing text is not scanned).</summary>
    public bool AnyMarks { get; private set; }

    /// <summary>Whether an enforced case has works (else images are not looked up).</summary>
    public bool AnyWorks { get; private set; }

    /// <summary>The largest review distance of an enforced case with works: how far the catalog is searched.</summary>
    public int MaxReviewDistance { get; private set; }

    public static DecisionPlan Build(RegistrySnapshot snapshot, DateOnly day, PromotionChannel channel)
    {
        var plan = new DecisionPlan(snapshot, day, channel);
        int caseCount = snapshot.Cases.Count;
        var cases = new Case[caseCount];
        var isEnforced = new bool[caseCount];
        var hasMarks = new bool[caseCount];
        var hasWorks = new bool[caseCount];
        var enforced = new List<int>(caseCount);
        for (int c = 0; c < caseCount; c++)
        {
            var k = snapshot.Cases[c];
            cases[c] = k;
            hasMarks[c] = k.Marks.Count > 0;
            hasWorks[c] = k.Works.Count > 0;
            if (k.IsActive(day) && k.GetChannel(channel) == ChannelState.Enforced)
            {
                isEnforced[c] = true;
                enforced.Add(c);
                plan.AnyMarks |= hasMarks[c];
                if (hasWorks[c])
                {
                    plan.AnyWorks = true;
                    plan.MaxReviewDistance = Math.Max(plan.MaxReviewDistance, k.ReviewDistance);
                }
            }
        }

        var markCase = new int[snapshot.Marks.Count];
        var markIds = new string[markCase.Length];
        for (int m = 0; m < markCase.Length; m++)
        {
            markCase[m] = snapshot.Marks[m].CaseOrdinal;
            markIds[m] = snapshot.Marks[m].Id;
        }
        var workCase = new int[snapshot.Works.Count];
        var workIds = new string[workCase.Length];
        for (int w = 0; w < workCase.Length; w++)
        {
            workCase[w] = snapshot.Works[w].CaseOrdinal;
            workIds[w] = snapshot.Works[w].Id;
        }

        plan.Cases = cases;
        plan.Enforced = [.. enforced];
        plan.IsEnforced = isEnforced;
        plan.HasMarks = hasMarks;
        plan.HasWorks = hasWorks;
        plan.MarkCase = markCase;
        plan.MarkIds = markIds;
        plan.WorkCase = workCase;
        plan.WorkIds = workIds;
        return plan;
    }
}
