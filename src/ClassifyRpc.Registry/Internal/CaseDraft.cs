namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// One <c>cases/*.yaml</c> as parsed and checked on its own. Fields that failed to parse keep their
/// defaults (the load fails anyway); the rest is still used for the cross-file checks, so one pass
/// reports as many errors as possible.
/// </summary>
internal sealed class CaseDraft
{
    public CaseDraft(string file) => File = file;

    /// <summary>The case file, relative to the registry folder, '/' separators.</summary>
    public string File { get; }

    public string? Id { get; set; }

    public int IdLine { get; set; }

    public string Title { get; set; } = "";

    public string Court { get; set; } = "";

    public string Docket { get; set; } = "";

    public string Order { get; set; } = "";

    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? Expires { get; set; }

    public CaseScope Scope { get; set; }

    /// <summary>Indexed by (int)<see cref="PromotionChannel"/>; index 0 unused.</summary>
    public ChannelState[] Channels { get; } = new ChannelState[6];

    public Verdict FuzzyVerdict { get; set; } = Verdict.Review;

    public int BlockDistance { get; set; } = RegistryDefaults.BlockDistance;

    public int ReviewDistance { get; set; } = RegistryDefaults.ReviewDistance;

    public List<MarkDraft> Marks { get; } = [];

    public List<WorkDraft> Works { get; } = [];

    public List<string> Defendants { get; } = [];

    public PathRef? DefendantsFile { get; set; }

    public List<string> AuthorizedSellers { get; } = [];

    public PathRef? NoticesFile { get; set; }

    /// <summary>Notices read from <see cref="NoticesFile"/>, by listing id.</summary>
    public Dictionary<string, Notice> Notices { get; } = new(StringComparer.Ordinal);
}
