using System.Collections.Frozen;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Text;

namespace ClassifyRpc.Tests;

/// <summary>
/// A <see cref="RegistrySnapshot"/> assembled in memory case by case, as <c>RegistryLoader.Compile</c>
/// assembles one from a folder (ordinals in case order, marks and works numbered across cases, one
/// automaton, one catalog), for registries of thousands of cases that would be slow to write out as YAML
/// and whose works are PDQ hashes chosen by the test rather than image files.
/// </summary>
public sealed class InMemoryRegistry
{
    private readonly List<Case> _cases = [];
    private readonly List<Mark> _marks = [];
    private readonly List<MarkDefinition> _definitions = [];
    private readonly List<Work> _works = [];
    private readonly List<(int WorkOrdinal, WorkFingerprint Fingerprint)> _catalog = [];
    private readonly HashSet<string> _defendants = new(StringComparer.Ordinal);
    private int _notices;

    /// <summary>One case as a registry file would state it. Channels are indexed by
    /// <see cref="PromotionChannel"/> (index 0 unused); left out, the case says nothing anywhere.</summary>
    public sealed record CaseSpec(string Id)
    {
        public DateOnly EffectiveFrom { get; init; } = new(2024, 1, 1);
        public DateOnly? Expires { get; init; }
        public CaseScope Scope { get; init; }
        public IReadOnlyList<ChannelState> Channels { get; init; } = new ChannelState[6];
        public Verdict FuzzyVerdict { get; init; } = Verdict.Review;
        public int BlockDistance { get; init; } = RegistryDefaults.BlockDistance;
        public int ReviewDistance { get; init; } = RegistryDefaults.ReviewDistance;
        public IReadOnlyList<MarkDefinition> Marks { get; init; } = [];
        public IReadOnlyList<(string Id, WorkFingerprint Fingerprint)> Works { get; init; } = [];
        public IReadOnlyCollection<string> Defendants { get; init; } = [];
        public IReadOnlyCollection<string> AuthorizedSellers { get; init; } = [];
        public IReadOnlyList<Notice> Notices { get; init; } = [];
    }

    public int CaseCount => _cases.Count;

    /// <summary>Adds a case; returns its ordinal.</summary>
    public int Add(CaseSpec spec)
    {
        int c = _cases.Count;
        var caseMarks = new List<Mark>(spec.Marks.Count);
        foreach (var m in spec.Marks)
        {
            var mark = new Mark(m.Id, m.Text, m.Mode, m.Fuzzy, m.Variants, c, _marks.Count);
            _marks.Add(mark);
            _definitions.Add(m);
            caseMarks.Add(mark);
        }
        var caseWorks = new List<Work>(spec.Works.Count);
        foreach (var (id, fingerprint) in spec.Works)
        {
            var work = new Work(id, [id + ".png"], c, _works.Count);
            _catalog.Add((work.Ordinal, fingerprint));
            _works.Add(work);
            caseWorks.Add(work);
        }
        _defendants.UnionWith(spec.Defendants);
        var notices = new Dictionary<string, Notice>(StringComparer.Ordinal);
        foreach (var notice in spec.Notices)
        {
            notices[notice.ListingId] = notice;
        }
        _notices += notices.Count;
        _cases.Add(new Case
        {
            Id = spec.Id,
            Ordinal = c,
            SourceFile = $"cases/{spec.Id}.yaml",
            EffectiveFrom = spec.EffectiveFrom,
            Expires = spec.Expires,
            Scope = spec.Scope,
            Channels = spec.Channels,
            FuzzyVerdict = spec.FuzzyVerdict,
            BlockDistance = spec.BlockDistance,
            ReviewDistance = spec.ReviewDistance,
            Marks = caseMarks,
            Works = caseWorks,
            Defendants = spec.Defendants.ToFrozenSet(StringComparer.Ordinal),
            AuthorizedSellers = spec.AuthorizedSellers.ToFrozenSet(StringComparer.Ordinal),
            Notices = notices.ToFrozenDictionary(StringComparer.Ordinal),
        });
        return c;
    }

    /// <summary>Adds every case of a loaded snapshot, its works fingerprinted again from their files.</summary>
    public void AddAll(RegistrySnapshot loaded, ImageProber prober)
    {
        foreach (var k in loaded.Cases)
        {
            var marks = new List<MarkDefinition>(k.Marks.Count);
            foreach (var m in k.Marks)
            {
                marks.Add(new MarkDefinition(m.Id, m.Text, m.Mode, m.Fuzzy, m.Variants));
            }
            var works = new List<(string, WorkFingerprint)>();
            foreach (var w in k.Works)
            {
                foreach (string image in w.Images)
                {
                    works.Add((w.Id, prober.FingerprintWork(File.ReadAllBytes(Path.Combine(loaded.Source, image)))));
                }
            }
            Add(new CaseSpec(k.Id)
            {
                EffectiveFrom = k.EffectiveFrom,
                Expires = k.Expires,
                Scope = k.Scope,
                Channels = k.Channels,
                FuzzyVerdict = k.FuzzyVerdict,
                BlockDistance = k.BlockDistance,
                ReviewDistance = k.ReviewDistance,
                Marks = marks,
                Works = works.Count == 0 ? [] : MergeImagesOfOneWork(works),
                Defendants = k.Defendants,
                AuthorizedSellers = k.AuthorizedSellers,
                Notices = [.. k.Notices.Values],
            });
        }
    }

    /// <summary>The snapshot, its marks compiled as the loader compiles them: all in one automaton (queries), and
    /// by the storefronts they reach (listings), unless <paramref name="scoped"/> is false.</summary>
    public RegistrySnapshot Build(string version, bool scoped = true) => new()
    {
        Version = version,
        LoadedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Source = "(in memory)",
        Cases = [.. _cases],
        Marks = [.. _marks],
        Works = [.. _works],
        Automaton = MarkAutomaton.Build(_definitions),
        Scopes = scoped ? MarkScopes.Build([.. _cases], MarkLimits.Default, new MarkScopes.Cache()) : null,
        Artwork = ArtworkCatalog.Build(_catalog),
        DefendantCount = _defendants.Count,
        NoticeCount = _notices,
    };

    /// <summary>A work with several image files is one work whose fingerprint holds every file's hashes.</summary>
    private static List<(string, WorkFingerprint)> MergeImagesOfOneWork(List<(string Id, WorkFingerprint Fingerprint)> images)
    {
        var merged = new List<(string, WorkFingerprint)>();
        foreach (var group in images.GroupBy(i => i.Id, StringComparer.Ordinal))
        {
            var hashes = group.SelectMany(g => g.Fingerprint.Hashes).ToArray();
            merged.Add((group.Key, new WorkFingerprint(hashes, group.First().Fingerprint.Quality)));
        }
        return merged;
    }
}
