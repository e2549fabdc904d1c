using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// What never changes for a snapshot, flattened into arrays: per mark and per work its case and id, per
/// case whether it has marks and works, per named storefront the cases that name it, and per noticed
/// listing the notices of every case, so judging a listing visits the cases that concern it and no other.
/// Built once per snapshot (O(marks + works + namings + notices)) and kept alongside it for as long as the
/// snapshot lives, so a new day or another channel only costs a new <see cref="DecisionPlan"/>
/// (O(cases)), and calls still running on the previous snapshot after a reload do not rebuild anything.
/// </summary>
/// <remarks>
/// Memory is O(namings + notices), never storefronts x cases. Storefront and listing ids are the string
/// instances the cases already hold (the first case's, when several name one), not copies.
/// </remarks>
internal sealed class SnapshotIndex
{
    private static readonly ConditionalWeakTable<RegistrySnapshot, SnapshotIndex> s_indexes = new();

    /// <summary>The namings of a storefront no case names: shared, empty.</summary>
    private static readonly CaseNaming[] s_unnamed = [];

    private readonly FrozenDictionary<string, CaseNaming[]> _namedStorefronts;
    private readonly FrozenDictionary<string, (int Start, int Count)> _noticesByListing;

    /// <summary>Every notice of every case, grouped by listing id, each group in case order.</summary>
    private readonly CaseNotice[] _notices;

    private SnapshotIndex(RegistrySnapshot snapshot)
    {
        int caseCount = snapshot.Cases.Count;
        Cases = new Case[caseCount];
        HasMarks = new bool[caseCount];
        HasWorks = new bool[caseCount];
        for (int c = 0; c < caseCount; c++)
        {
            var k = snapshot.Cases[c];
            Cases[c] = k;
            HasMarks[c] = k.Marks.Count > 0;
            HasWorks[c] = k.Works.Count > 0;
        }
        MarkCase = new int[snapshot.Marks.Count];
        MarkIds = new string[MarkCase.Length];
        for (int m = 0; m < MarkCase.Length; m++)
        {
            MarkCase[m] = snapshot.Marks[m].CaseOrdinal;
            MarkIds[m] = snapshot.Marks[m].Id;
        }
        WorkCase = new int[snapshot.Works.Count];
        WorkIds = new string[WorkCase.Length];
        for (int w = 0; w < WorkCase.Length; w++)
        {
            WorkCase[w] = snapshot.Works[w].CaseOrdinal;
            WorkIds[w] = snapshot.Works[w].Id;
        }
        _namedStorefronts = NamedStorefronts(Cases);
        (_noticesByListing, _notices) = NoticesByListing(Cases);
    }

    /// <summary>All cases by ordinal.</summary>
    public Case[] Cases { get; }

    /// <summary>By case ordinal: the case has marks / works.</summary>
    public bool[] HasMarks { get; }

    public bool[] HasWorks { get; }

    /// <summary>By mark ordinal (= <c>MarkHit.MarkIndex</c>): its case ordinal.</summary>
    public int[] MarkCase { get; }

    public string[] MarkIds { get; }

    /// <summary>By work ordinal (= <c>ArtworkHit.WorkOrdinal</c>): its case ordinal.</summary>
    public int[] WorkCase { get; }

    public string[] WorkIds { get; }

    /// <summary>Storefronts some case names as a defendant it reaches or as an authorized seller.</summary>
    public int NamedStorefrontCount => _namedStorefronts.Count;

    /// <summary>
    /// How the cases that name <paramref name="storefrontId"/> see it, sorted by case (empty when none
    /// does); every other case sees it by its scope alone: in scope of the any_seller cases, out of scope of
    /// the others (see <see cref="StorefrontScope"/>). One hash look-up whatever the number of cases. The
    /// array is shared by every storefront the same cases name the same way: never write to it.
    /// </summary>
    public CaseNaming[] StatesOf(string storefrontId) =>
        _namedStorefronts.TryGetValue(storefrontId, out var namings) ? namings : s_unnamed;

    /// <summary>The notices naming <paramref name="listingId"/>, of every case, in case order.</summary>
    public ReadOnlySpan<CaseNotice> NoticesOf(string listingId) =>
        _notices.Length != 0 && _noticesByListing.TryGetValue(listingId, out var at)
            ? _notices.AsSpan(at.Start, at.Count)
            : default;

    /// <summary>
    /// Every storefront a case names, with its namings in case order. Collected per storefront, so building
    /// costs what the defendants and authorized-seller lists hold; storefronts named the same way by the
    /// same cases (a schedule A lists hundreds of defendants of one order) share one array. Authorized wins
    /// over defendant within a case, as the rules say; defendants of an any_seller case add nothing (the
    /// scope reaches them anyway).
    /// </summary>
    private static FrozenDictionary<string, CaseNaming[]> NamedStorefronts(Case[] cases)
    {
        var namings = new Dictionary<string, List<CaseNaming>>(StringComparer.Ordinal);
        for (int c = 0; c < cases.Length; c++)
        {
            var k = cases[c];
            if (k.Scope == CaseScope.Defendants)
            {
                foreach (string storefront in k.Defendants)
                {
                    if (!k.AuthorizedSellers.Contains(storefront))
                    {
                        NamingsOf(namings, storefront).Add(new CaseNaming(c, authorized: false));
                    }
                }
            }
            foreach (string storefront in k.AuthorizedSellers)
            {
                NamingsOf(namings, storefront).Add(new CaseNaming(c, authorized: true));
            }
        }

        var shared = new Dictionary<string, CaseNaming[]>(StringComparer.Ordinal);
        var byStorefront = new Dictionary<string, CaseNaming[]>(namings.Count, StringComparer.Ordinal);
        foreach (var (storefront, list) in namings)
        {
            // A naming is one int, two chars: the namings' bytes spell their signature.
            var span = CollectionsMarshal.AsSpan(list);
            string signature = new(MemoryMarshal.Cast<CaseNaming, char>(span));
            if (!shared.TryGetValue(signature, out var array))
            {
                shared.Add(signature, array = span.ToArray());
            }
            byStorefront.Add(storefront, array);
        }
        return byStorefront.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<CaseNaming> NamingsOf(Dictionary<string, List<CaseNaming>> namings, string storefront)
    {
        // The first instance seen becomes the key: the index holds no copy of an id.
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(namings, storefront, out _);
        return list ??= new List<CaseNaming>(2);
    }

    /// <summary>Every case's notices filed by listing id in one array, each listing's run in case order.</summary>
    private static (FrozenDictionary<string, (int Start, int Count)>, CaseNotice[]) NoticesByListing(Case[] cases)
    {
        var byListing = new Dictionary<string, List<CaseNotice>>(StringComparer.Ordinal);
        int total = 0;
        for (int c = 0; c < cases.Length; c++)
        {
            foreach (var (listingId, notice) in cases[c].Notices)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(byListing, listingId, out _);
                (list ??= new List<CaseNotice>(1)).Add(new CaseNotice(c, notice));
                total++;
            }
        }

        var notices = new CaseNotice[total];
        var runs = new Dictionary<string, (int Start, int Count)>(byListing.Count, StringComparer.Ordinal);
        int start = 0;
        foreach (var (listingId, list) in byListing)
        {
            list.CopyTo(notices, start);
            runs.Add(listingId, (start, list.Count));
            start += list.Count;
        }
        return (runs.ToFrozenDictionary(StringComparer.Ordinal), notices);
    }

    public static SnapshotIndex For(RegistrySnapshot snapshot) =>
        s_indexes.GetValue(snapshot, static s => new SnapshotIndex(s));
}
