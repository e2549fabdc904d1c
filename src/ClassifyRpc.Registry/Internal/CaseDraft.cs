using System.Collections.Frozen;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// One case as one load sees it: its <see cref="ParsedCase"/> (possibly shared with earlier loads, never
/// written) plus what this load read from the files the case names. Built fresh by every load, so
/// nothing a load finds ends up in another load's cases.
/// </summary>
internal sealed class CaseDraft
{
    public CaseDraft(ParsedCase parsed)
    {
        Parsed = parsed;
        Defendants = parsed.Defendants;
        var works = new WorkDraft[parsed.Works.Count];
        for (int i = 0; i < works.Length; i++)
        {
            works[i] = new WorkDraft(parsed.Works[i]);
        }
        Works = works;
    }

    public ParsedCase Parsed { get; }

    /// <summary>The case file, relative to the registry folder, '/' separators.</summary>
    public string File => Parsed.File;

    public string? Id => Parsed.Id;

    public int IdLine => Parsed.IdLine;

    public DateOnly? EffectiveFrom => Parsed.EffectiveFrom;

    public DateOnly? Expires => Parsed.Expires;

    public CaseScope Scope => Parsed.Scope;

    /// <summary>Indexed by (int)<see cref="PromotionChannel"/>; index 0 unused.</summary>
    public IReadOnlyList<ChannelState> Channels => Parsed.Channels;

    public Verdict FuzzyVerdict => Parsed.FuzzyVerdict;

    public int BlockDistance => Parsed.BlockDistance;

    public int ReviewDistance => Parsed.ReviewDistance;

    public IReadOnlyList<MarkDraft> Marks => Parsed.Marks;

    public FrozenSet<string> AuthorizedSellers => Parsed.AuthorizedSellers;

    /// <summary>The works with the images this load found, in case order.</summary>
    public IReadOnlyList<WorkDraft> Works { get; }

    /// <summary>The case's defendants: its <c>defendants_file</c>'s when it names one, else its inline list.</summary>
    public FrozenSet<string> Defendants { get; set; }

    /// <summary>Notices read from the case's notices_file, by listing id.</summary>
    public FrozenDictionary<string, Notice> Notices { get; set; } = FrozenDictionary<string, Notice>.Empty;
}
