using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using ClassifyRpc.Registry;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// What never changes for a snapshot, flattened into arrays: per mark and per work its case and id, per
/// case whether it has marks and works, and how every case sees each storefront (one look-up per listing
/// whatever the number of cases). Built once per snapshot (O(marks + works + named storefronts)) and kept alongside it
/// for as long as the snapshot lives, so a new day or another channel only costs a new
/// <see cref="DecisionPlan"/> (O(cases)), and calls still running on the previous snapshot after a
/// reload do not rebuild anything.
/// </summary>
internal sealed class SnapshotIndex
{
    private static readonly ConditionalWeakTable<RegistrySnapshot, SnapshotIndex> s_indexes = new();

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
        UnnamedStorefront = new CaseState[caseCount];
        for (int c = 0; c < caseCount; c++)
        {
            UnnamedStorefront[c] = Cases[c].Scope == CaseScope.AnySeller ? CaseState.InScope : CaseState.OutOfScope;
        }
        _namedStorefronts = NamedStorefronts(Cases, UnnamedStorefront);
        WorkCase = new int[snapshot.Works.Count];
        WorkIds = new string[WorkCase.Length];
        for (int w = 0; w < WorkCase.Length; w++)
        {
            WorkCase[w] = snapshot.Works[w].CaseOrdinal;
            WorkIds[w] = snapshot.Works[w].Id;
        }
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

    /// <summary>By case ordinal: how each case sees a storefront no case names (in scope of the any-seller
    /// cases only). Shared and read-only.</summary>
    public CaseState[] UnnamedStorefront { get; }

    /// <summary>Storefronts some case names as a defendant or an authorized seller.</summary>
    public int NamedStorefrontCount => _namedStorefronts.Count;

    private readonly FrozenDictionary<string, CaseState[]> _namedStorefronts;

    /// <summary>By case ordinal: how each case sees <paramref name="storefrontId"/> (authorized, in scope or
    /// out of scope, before the day and channel are considered). One hash look-up instead of two per case:
    /// a registry of hundreds of orders would otherwise pay hundreds of look-ups per listing. The array is
    /// shared by every storefront named the same way by the same cases: never write to it.</summary>
    public CaseState[] StatesOf(string storefrontId) =>
        _namedStorefronts.TryGetValue(storefrontId, out var states) ? states : UnnamedStorefront;

    /// <summary>
    /// Every storefront a case names, with its states. Collected as (case, state) pairs per storefront, so
    /// building costs what the defendants and authorized-seller lists hold, not storefronts x cases; storefronts
    /// named the same way by the same cases (a schedule A lists hundreds of defendants of one order) share one
    /// array. Authorized wins over defendant within a case, as the rules say.
    /// </summary>
    private static FrozenDictionary<string, CaseState[]> NamedStorefronts(Case[] cases, CaseState[] unnamed)
    {
        var namings = new Dictionary<string, List<(int Case, CaseState State)>>(StringComparer.Ordinal);
        for (int c = 0; c < cases.Length; c++)
        {
            var k = cases[c];
            if (k.Scope == CaseScope.Defendants)
            {
                foreach (string storefront in k.Defendants)
                {
                    if (!k.AuthorizedSellers.Contains(storefront))
                    {
                        NamingsOf(namings, storefront).Add((c, CaseState.InScope));
                    }
                }
            }
            foreach (string storefront in k.AuthorizedSellers)
            {
                NamingsOf(namings, storefront).Add((c, CaseState.Authorized));
            }
        }

        var shared = new Dictionary<string, CaseState[]>(StringComparer.Ordinal);
        var byStorefront = new Dictionary<string, CaseState[]>(namings.Count, StringComparer.Ordinal);
        foreach (var (storefront, list) in namings)
        {
            var states = (CaseState[])unnamed.Clone();
            foreach (var (c, state) in list)
            {
                states[c] = state;
            }
            string signature = string.Create(states.Length, states, static (chars, s) =>
            {
                for (int i = 0; i < s.Length; i++)
                {
                    chars[i] = (char)('0' + (int)s[i]);
                }
            });
            if (!shared.TryGetValue(signature, out var existing))
            {
                shared.Add(signature, existing = states);
            }
            byStorefront.Add(storefront, existing);
        }
        return byStorefront.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static List<(int Case, CaseState State)> NamingsOf(Dictionary<string, List<(int Case, CaseState State)>> namings, string storefront)
    {
        if (!namings.TryGetValue(storefront, out var list))
        {
            namings.Add(storefront, list = new List<(int Case, CaseState State)>(2));
        }
        return list;
    }

    public static SnapshotIndex For(RegistrySnapshot snapshot) =>
        s_indexes.GetValue(snapshot, static s => new SnapshotIndex(s));
}
