using ClassifyRpc.Registry;
using ClassifyRpc.Text;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// How the cases of one <see cref="DecisionPlan"/> see the storefront of the listing being judged, from
/// the storefront's namings (the cases that name it, sorted by case) and each case's scope: a case that
/// names it says so itself; any other case reaches it if it is any_seller and not otherwise. Setting up
/// costs O(namings), a question about one case O(log namings): a storefront no case names costs nothing
/// per case, whatever the number of cases.
/// </summary>
internal readonly ref struct StorefrontScope
{
    private readonly ReadOnlySpan<CaseNaming> _namings;
    private readonly CaseTraits[] _traits;
    private readonly bool _scansAnySeller;

    public StorefrontScope(DecisionPlan plan, string storefrontId)
    {
        _namings = plan.Index.StatesOf(storefrontId);
        _traits = plan.Traits;

        // The counting cases that reach the storefront: every any_seller one but those that authorize it,
        // and those that name it a defendant (a defendant naming is never of an any_seller case).
        int anySellerMarks = plan.AnySellerCasesWithMarks;
        int anySellerWorks = plan.AnySellerCasesWithWorks;
        var defendantOf = CaseTraits.None;
        foreach (var naming in _namings)
        {
            var traits = _traits[naming.Case];
            if (!naming.IsAuthorized)
            {
                defendantOf |= traits;
            }
            else if ((traits & CaseTraits.AnySeller) != 0)
            {
                anySellerMarks -= (traits & CaseTraits.HasMarks) != 0 ? 1 : 0;
                anySellerWorks -= (traits & CaseTraits.HasWorks) != 0 ? 1 : 0;
            }
        }
        // A case that does not count has no traits, so it adds nothing to defendantOf.
        ScansText = anySellerMarks > 0 || (defendantOf & CaseTraits.HasMarks) != 0;
        _scansAnySeller = anySellerMarks > 0;
        MatchesArtwork = anySellerWorks > 0 || (defendantOf & CaseTraits.HasWorks) != 0;
    }

    /// <summary>Some counting case that reaches the storefront has marks: its text must be scanned.</summary>
    public bool ScansText { get; }

    /// <summary>Some counting case that reaches the storefront has works: its images must be matched.</summary>
    public bool MatchesArtwork { get; }

    /// <summary>
    /// Scans <paramref name="text"/> with the marks that can reach the storefront (<see cref="MarkScopes"/>): the
    /// any_seller cases' automaton, if any of them reaches it, and the own automaton of each counting case that
    /// names it a defendant; their hits in the order one automaton over all of them would give. Hits of marks
    /// that do not reach the storefront may still come (an any_seller case that authorizes it, one that does not
    /// count today): <see cref="Reaches"/> decides, as for any hit. Without scopes, the snapshot's full automaton.
    /// </summary>
    public void Scan(RegistrySnapshot snapshot, string text, MarkHitBuffer hits)
    {
        MarkScopes? scopes = snapshot.Scopes;
        if (scopes is null)
        {
            snapshot.Automaton.Scan(text, hits);
            return;
        }
        int start = hits.Count;
        int scans = 0;
        if (_scansAnySeller && scopes.AnySeller is { } anySeller)
        {
            ScanWith(anySeller, text, hits);
            scans++;
        }
        foreach (var naming in _namings)
        {
            if (!naming.IsAuthorized && (_traits[naming.Case] & CaseTraits.HasMarks) != 0 && scopes.ByCase[naming.Case] is { } own)
            {
                ScanWith(own, text, hits);
                scans++;
            }
        }
        if (scans > 1)
        {
            hits.SortByStart(start);
        }
    }

    private static void ScanWith(ScopedMarks scoped, string text, MarkHitBuffer hits)
    {
        int from = hits.Count;
        scoped.Automaton.Scan(text, hits);
        if (hits.Count > from)
        {
            hits.Remap(from, scoped.Ordinals);
        }
    }

    /// <summary>The case counts and reaches the storefront: its mark and artwork matches are reported.</summary>
    public bool Reaches(int caseOrdinal) =>
        _traits[caseOrdinal] != CaseTraits.None && StateIn(caseOrdinal) == CaseState.InScope;

    /// <summary>The case counts and does not authorize the storefront: its notices are reported.</summary>
    public bool HearsNoticesOf(int caseOrdinal) =>
        _traits[caseOrdinal] != CaseTraits.None && StateIn(caseOrdinal) != CaseState.Authorized;

    /// <summary>How a counting case sees the storefront (for a case that does not count the answer means
    /// nothing: its traits, any_seller included, are None).</summary>
    private CaseState StateIn(int caseOrdinal)
    {
        if (_namings.Length != 0)
        {
            int at = CaseNaming.IndexOf(_namings, caseOrdinal);
            if (at >= 0)
            {
                return _namings[at].IsAuthorized ? CaseState.Authorized : CaseState.InScope;
            }
        }
        return (_traits[caseOrdinal] & CaseTraits.AnySeller) != 0 ? CaseState.InScope : CaseState.OutOfScope;
    }
}
