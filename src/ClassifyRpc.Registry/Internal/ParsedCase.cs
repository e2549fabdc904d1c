using System.Collections.Frozen;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// One <c>cases/*.yaml</c> as its YAML alone says it, checked on its own. Immutable (nothing writes to it
/// after <see cref="CaseReader"/>, the channel array included), because <see cref="ParseCache"/> hands the
/// same instance to every later load of the same bytes and the snapshots built from it share its
/// collections. What depends on other files (the defendants and notices files, the images) is read per
/// load into a <see cref="CaseDraft"/>.
/// </summary>
/// <remarks>Fields that failed to parse keep their defaults (the file's errors fail the load anyway); the
/// rest still takes part in the cross-file checks, so one pass reports as many errors as possible.</remarks>
internal sealed class ParsedCase
{
    /// <summary>The case file, relative to the registry folder, '/' separators.</summary>
    public required string File { get; init; }

    public string? Id { get; init; }

    public int IdLine { get; init; }

    public string Title { get; init; } = "";

    public string Court { get; init; } = "";

    public string Docket { get; init; } = "";

    public string Order { get; init; } = "";

    public DateOnly? EffectiveFrom { get; init; }

    public DateOnly? Expires { get; init; }

    public CaseScope Scope { get; init; }

    /// <summary>Indexed by (int)<see cref="PromotionChannel"/>; index 0 unused. Shared with the
    /// <see cref="Case"/>s built from it.</summary>
    public required IReadOnlyList<ChannelState> Channels { get; init; }

    public Verdict FuzzyVerdict { get; init; } = Verdict.Review;

    public int BlockDistance { get; init; } = RegistryDefaults.BlockDistance;

    public int ReviewDistance { get; init; } = RegistryDefaults.ReviewDistance;

    public required IReadOnlyList<MarkDraft> Marks { get; init; }

    public required IReadOnlyList<ParsedWork> Works { get; init; }

    /// <summary>The <c>defendants</c> list written in the case (empty when it has none).</summary>
    public required FrozenSet<string> Defendants { get; init; }

    public PathRef? DefendantsFile { get; init; }

    public required FrozenSet<string> AuthorizedSellers { get; init; }

    public PathRef? NoticesFile { get; init; }
}
