using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;
using Xunit;

namespace ClassifyRpc.Registry.Tests;

/// <summary>The marks compiled by the storefronts they reach (<see cref="MarkScopes"/>), as the loader builds them.</summary>
public sealed class MarkScopesTests
{
    private readonly FakeClock _clock = new(2025, 6, 1);

    private static string Case(string id, string scope, params string[] marks) =>
        $"""
        id: {id}
        effective_from: 2024-01-01
        scope: {scope}
        channels:
          search: enforced
        {(scope == "defendants" ? "defendants: [s-" + id + "]" : "")}
        marks:
        {string.Concat(marks.Select(m => $"  - id: {id}-{m.ToLowerInvariant()}\n    text: {m}\n    fuzzy: true\n"))}
        """;

    [Fact]
    public void AnySellerMarksShareOneAutomatonAndEachDefendantsCaseHasItsOwn()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", Case("a", "any_seller", "Zorvexa", "Quindle"))
            .Write("cases/b.yaml", Case("b", "defendants", "Brakkolo"))
            .Write("cases/c.yaml", Case("c", "any_seller", "Clovvy"))
            .Write("cases/d.yaml", Case("d", "defendants", "Fernbun", "Snugwick"));
        RegistrySnapshot snapshot = Engines.NewLoader(_clock).Load(registry.Folder);
        MarkScopes scopes = Assert.IsType<MarkScopes>(snapshot.Scopes);

        ScopedMarks anySeller = Assert.IsType<ScopedMarks>(scopes.AnySeller);
        Assert.Equal(["a-zorvexa", "a-quindle", "c-clovvy"], anySeller.Ordinals.Select(o => snapshot.Marks[o].Id));
        Assert.Null(scopes.ByCase[0]);
        Assert.Null(scopes.ByCase[2]);
        Assert.Equal(["b-brakkolo"], scopes.ByCase[1]!.Ordinals.Select(o => snapshot.Marks[o].Id));
        Assert.Equal(["d-fernbun", "d-snugwick"], scopes.ByCase[3]!.Ordinals.Select(o => snapshot.Marks[o].Id));

        // Each automaton finds its own marks, typos included, and names them by registry ordinal.
        var hits = new MarkHitBuffer();
        scopes.ByCase[3]!.Automaton.Scan("a Snugwik and a Frenbun", hits);
        hits.Remap(0, scopes.ByCase[3]!.Ordinals);
        Assert.Equal(["d-snugwick", "d-fernbun"], hits.AsSpan().ToArray().Select(h => snapshot.Marks[h.MarkIndex].Id));
        hits.Clear();
        scopes.AnySeller!.Automaton.Scan("a Snugwik and a Frenbun", hits);
        Assert.Equal(0, hits.Count);
    }

    [Fact]
    public void AReloadRebuildsOnlyTheCasesWhoseMarksChanged()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", Case("a", "defendants", "Zorvexa"))
            .Write("cases/b.yaml", Case("b", "defendants", "Brakkolo"));
        RegistryLoader loader = Engines.NewLoader(_clock);
        RegistrySnapshot first = loader.Load(registry.Folder);

        registry.Write("cases/b.yaml", Case("b", "defendants", "Brakkoli"))
            .Write("cases/0.yaml", Case("0", "defendants", "Quindle"));
        RegistrySnapshot second = loader.Load(registry.Folder);

        // Case a is now ordinal 1 (0.yaml sorts first): same marks, the same automaton, its new ordinals.
        Assert.Same(first.Scopes!.ByCase[0]!.Automaton, second.Scopes!.ByCase[1]!.Automaton);
        Assert.Equal([1], second.Scopes.ByCase[1]!.Ordinals);
        Assert.NotSame(first.Scopes.ByCase[1]!.Automaton, second.Scopes.ByCase[2]!.Automaton);
        Assert.NotNull(second.Scopes.ByCase[0]);
    }

    [Fact]
    public void AReloadThatChangesNoMarkCompilesNoAutomatonAgain()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", Case("a", "any_seller", "Zorvexa"))
            .Write("cases/b.yaml", Case("b", "defendants", "Brakkolo"));
        RegistryLoader loader = Engines.NewLoader(_clock);
        RegistrySnapshot first = loader.Load(registry.Folder);

        // A defendant more: a new version, every automaton the same.
        registry.Write("cases/b.yaml", Case("b", "defendants", "Brakkolo").Replace("[s-b]", "[s-b, s-b2]", StringComparison.Ordinal));
        RegistrySnapshot second = loader.Load(registry.Folder);
        Assert.NotEqual(first.Version, second.Version);
        Assert.Equal(["s-b", "s-b2"], second.Cases[1].Defendants.Order(StringComparer.Ordinal));
        Assert.Same(first.Automaton, second.Automaton);
        Assert.Same(first.Scopes!.AnySeller!.Automaton, second.Scopes!.AnySeller!.Automaton);
        Assert.Same(first.Scopes.ByCase[1]!.Automaton, second.Scopes.ByCase[1]!.Automaton);

        // An any_seller mark changed: the full automaton and the any_seller one are compiled again, and find it.
        registry.Write("cases/a.yaml", Case("a", "any_seller", "Quindlex"));
        RegistrySnapshot third = loader.Load(registry.Folder);
        Assert.NotSame(second.Automaton, third.Automaton);
        Assert.NotSame(second.Scopes.AnySeller.Automaton, third.Scopes!.AnySeller!.Automaton);
        Assert.Same(second.Scopes.ByCase[1]!.Automaton, third.Scopes.ByCase[1]!.Automaton);
        var hits = new MarkHitBuffer();
        third.Automaton.Scan("a Quindlex and a Zorvexa", hits);
        Assert.Equal(["a-quindlex"], hits.AsSpan().ToArray().Select(h => third.Marks[h.MarkIndex].Id));
        hits.Clear();
        third.Scopes.AnySeller.Automaton.Scan("a Quindlex and a Zorvexa", hits);
        hits.Remap(0, third.Scopes.AnySeller.Ordinals);
        Assert.Equal(["a-quindlex"], hits.AsSpan().ToArray().Select(h => third.Marks[h.MarkIndex].Id));
    }
}
