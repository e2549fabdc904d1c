namespace ClassifyRpc.Decisions.Internal;

/// <summary>What a <see cref="DecisionPlan"/> needs to know of one case, in one byte: whether it counts
/// on the plan's day and channel, and if so its scope and what it protects. A case that does not count
/// is <see cref="None"/>, so one test rules it out.</summary>
[Flags]
internal enum CaseTraits : byte
{
    /// <summary>Not active on the day, or not enforced on the channel: the case says nothing.</summary>
    None = 0,

    /// <summary>Active and enforced: the case counts.</summary>
    Enforced = 1,

    /// <summary>Scope any_seller: every storefront it does not authorize is in scope.</summary>
    AnySeller = 2,

    HasMarks = 4,

    HasWorks = 8,
}
