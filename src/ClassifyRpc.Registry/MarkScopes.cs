using System.Collections.Concurrent;
using ClassifyRpc.Text;

namespace ClassifyRpc.Registry;

/// <summary>
/// The registry's marks compiled by the storefronts they reach: one automaton over the marks of every
/// any_seller case (they reach every storefront), and one per defendants case over its own marks (they reach
/// its defendants only). A listing is scanned with the any_seller automaton and the automata of the cases
/// that name its storefront a defendant, so what a scan finds, and costs, grows with the marks that can
/// apply to the listing, not with the docket: a marketplace holds thousands of orders, and a fuzzy mark of
/// six letters finds one typo or another in many listings of storefronts its order never names.
/// </summary>
/// <remarks>
/// <see cref="RegistrySnapshot.Automaton"/> still holds every mark, for search queries (which name every
/// case's storefronts). A scope's automaton depends only on its marks, so a loader keeps them in a
/// <see cref="Cache"/> across reloads: a reload rebuilds only the automata whose marks changed.
/// </remarks>
public sealed class MarkScopes
{
    private MarkScopes(ScopedMarks? anySeller, ScopedMarks?[] byCase)
    {
        AnySeller = anySeller;
        ByCase = byCase;
    }

    /// <summary>The marks of every any_seller case; null when none has marks.</summary>
    public ScopedMarks? AnySeller { get; }

    /// <summary>By case ordinal: a defendants case's own marks (null for an any_seller case and a case without marks).</summary>
    public IReadOnlyList<ScopedMarks?> ByCase { get; }

    /// <summary>Approximate bytes held by the automata.</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = AnySeller?.Automaton.MemoryBytes ?? 0;
            foreach (ScopedMarks? scoped in ByCase)
            {
                bytes += scoped?.Automaton.MemoryBytes ?? 0;
            }
            return bytes;
        }
    }

    /// <summary>Builds the automata of <paramref name="cases"/> (whose marks are valid: the registry's full
    /// automaton compiled them), reusing what <paramref name="cache"/> holds.</summary>
    public static MarkScopes Build(IReadOnlyList<Case> cases, MarkLimits limits, Cache cache)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(cache);
        cache.Begin();
        var anySellerMarks = new List<MarkDefinition>();
        var anySellerOrdinals = new List<int>();
        var byCase = new ScopedMarks?[cases.Count];
        foreach (Case k in cases)
        {
            if (k.Scope == CaseScope.AnySeller)
            {
                foreach (Mark mark in k.Marks)
                {
                    anySellerMarks.Add(Definition(mark));
                    anySellerOrdinals.Add(mark.Ordinal);
                }
            }
        }
        // A case's automaton is a few marks: building thousands of them is worth both cores.
        Parallel.For(0, cases.Count, c =>
        {
            Case k = cases[c];
            if (k.Scope == CaseScope.Defendants && k.Marks.Count > 0)
            {
                var definitions = new MarkDefinition[k.Marks.Count];
                var ordinals = new int[k.Marks.Count];
                for (int m = 0; m < definitions.Length; m++)
                {
                    definitions[m] = Definition(k.Marks[m]);
                    ordinals[m] = k.Marks[m].Ordinal;
                }
                byCase[c] = new ScopedMarks(cache.GetOrBuild(definitions, limits, compact: true), ordinals);
            }
        });
        // Nearly every listing is scanned with the any_seller marks: they get the anchors that stop it least.
        ScopedMarks? anySeller = anySellerMarks.Count == 0 ? null
            : new ScopedMarks(
                cache.GetOrBuild([.. anySellerMarks], limits with { MinAnchorSymbols = Math.Max(limits.MinAnchorSymbols, AnySellerMinAnchorSymbols) }, compact: false),
                [.. anySellerOrdinals]);
        cache.Keep();
        return new MarkScopes(anySeller, byCase);
    }

    /// <summary>The shortest anchor of the any_seller automaton (<see cref="MarkLimits.MinAnchorSymbols"/>).</summary>
    public const int AnySellerMinAnchorSymbols = 4;

    private static MarkDefinition Definition(Mark mark) => new(mark.Id, mark.Text, mark.Mode, mark.Fuzzy, mark.Variants);

    /// <summary>
    /// The automata of the last build, by what they compile (the marks' ids, texts, modes, fuzzy flags and
    /// variants, the limits, compact or not), so the next build reuses those whose marks did not change (each
    /// defendants case's, and the any_seller cases' together) and drops the rest. Thread-safe.
    /// </summary>
    public sealed class Cache
    {
        private ConcurrentDictionary<string, MarkAutomaton> _current = new(StringComparer.Ordinal);
        private ConcurrentDictionary<string, MarkAutomaton> _next = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        /// <summary>Automata the last build kept.</summary>
        public int Count => _current.Count;

        /// <param name="compact">A case's few marks: <see cref="MarkAutomaton.BuildCompact"/>; else the
        /// prefiltered scan of <see cref="MarkAutomaton.Build(IReadOnlyList{MarkDefinition}, MarkLimits)"/>.</param>
        internal MarkAutomaton GetOrBuild(MarkDefinition[] marks, MarkLimits limits, bool compact)
        {
            string key = Key(marks, limits, compact);
            if (!_current.TryGetValue(key, out MarkAutomaton? automaton))
            {
                automaton = compact ? MarkAutomaton.BuildCompact(marks, limits) : MarkAutomaton.Build(marks, limits);
            }
            _next[key] = automaton;
            return automaton;
        }

        /// <summary>A build starts: what it makes, and only that, is kept for the next one.</summary>
        internal void Begin() => _next.Clear();

        /// <summary>What the build just made becomes what the next one reuses.</summary>
        internal void Keep()
        {
            lock (_gate)
            {
                _current = _next;
                _next = new ConcurrentDictionary<string, MarkAutomaton>(StringComparer.Ordinal);
            }
        }

        /// <summary>What an automaton of <paramref name="marks"/> compiles: equal keys, equal automata.</summary>
        internal static string Key(MarkDefinition[] marks, MarkLimits limits, bool compact)
        {
            var key = new System.Text.StringBuilder();
            key.Append(compact ? 'C' : 'S').Append(limits).Append('|');
            foreach (MarkDefinition mark in marks)
            {
                key.Append(mark.Id).Append('\u0001').Append(mark.Text).Append('\u0001').Append((int)mark.Mode)
                    .Append(mark.Fuzzy ? '1' : '0');
                foreach (string variant in mark.Variants)
                {
                    key.Append('\u0002').Append(variant);
                }
                key.Append('\u0003');
            }
            return key.ToString();
        }
    }
}
