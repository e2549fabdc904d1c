using System.Collections.Frozen;

namespace ClassifyRpc.Registry;

/// <summary>One court order as loaded from <c>cases/*.yaml</c>.</summary>
public sealed class Case
{
    public required string Id { get; init; }
    public required int Ordinal { get; init; }
    public required string SourceFile { get; init; }
    public string Title { get; init; } = "";
    public string Court { get; init; } = "";
    public string Docket { get; init; } = "";
    public string Order { get; init; } = "";
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? Expires { get; init; }
    public CaseScope Scope { get; init; }

    /// <summary>Indexed by (int)<see cref="PromotionChannel"/>; index 0 unused.</summary>
    public required IReadOnlyList<ChannelState> Channels { get; init; }

    /// <summary>The verdict of a one-typo match (review unless the case says block).</summary>
    public Verdict FuzzyVerdict { get; init; } = Verdict.Review;
    public int BlockDistance { get; init; } = 31;
    public int ReviewDistance { get; init; } = 45;
    public required IReadOnlyList<Mark> Marks { get; init; }
    public required IReadOnlyList<Work> Works { get; init; }
    public required FrozenSet<string> Defendants { get; init; }
    public required FrozenSet<string> AuthorizedSellers { get; init; }

    /// <summary>Notices by listing id.</summary>
    public required FrozenDictionary<string, Notice> Notices { get; init; }

    public ChannelState GetChannel(PromotionChannel channel) => Channels[(int)channel];

    /// <summary>effective_from &lt;= today &lt; expires (expires optional).</summary>
    public bool IsActive(DateOnly today) => EffectiveFrom <= today && (Expires is null || today < Expires.Value);
}
