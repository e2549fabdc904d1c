using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Registry.Tests;

/// <summary>
/// A loader parses again only the files whose bytes changed since its previous load, and a reused parse
/// behaves exactly like a fresh one: same snapshot, same errors, cross-file checks every time.
/// </summary>
public sealed class ReloadReuseTests
{
    private readonly FakeClock _clock = new(2025, 6, 1);

    private static string Case(string id, string mark, string extra = "") => $"""
        id: {id}
        effective_from: 2024-01-01
        scope: defendants
        channels:
          search: enforced
        marks:
          - id: {mark}
            text: {mark} Widget
        works:
          - id: {id}-art
            images: [works/bear.png]
        defendants_file: defendants/{id}.txt
        notices_file: notices/{id}.csv
        {extra}
        """;

    /// <summary>Three cases, each with a defendants file and a notices file: 9 parsed files.</summary>
    private static TempRegistry ThreeCases()
    {
        var registry = new TempRegistry()
            .WriteBytes("works/bear.png", File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works/womp-bear.png")));
        foreach (string id in new[] { "a", "b", "c" })
        {
            registry.Write($"cases/{id}.yaml", Case(id, "mark-" + id))
                .Write($"defendants/{id}.txt", $"{id}-store-1\n{id}-store-2\n")
                .Write($"notices/{id}.csv", $"listing_id,received,reference\nL-{id},2024-02-01,n-{id}\n");
        }
        return registry;
    }

    [Fact]
    public void AReloadParsesOnlyTheFilesWhoseBytesChanged()
    {
        using var registry = ThreeCases();
        var loader = Engines.NewLoader(_clock);

        var first = loader.Load(registry.Folder);
        Assert.Equal((9, 0), loader.LastParse);

        var same = loader.Load(registry.Folder);
        Assert.Equal((0, 9), loader.LastParse);
        Assert.Equal(first.Version, same.Version);

        // One case added: its three files are new, the nine others are reused.
        registry.Write("cases/d.yaml", Case("d", "mark-d"))
            .Write("defendants/d.txt", "d-store-1\n")
            .Write("notices/d.csv", "listing_id,received,reference\n");
        var added = loader.Load(registry.Folder);
        Assert.Equal((3, 9), loader.LastParse);
        Assert.Equal(4, added.Cases.Count);

        // A defendants file changed under an unchanged case: that file alone is parsed, and it counts.
        registry.Write("defendants/b.txt", "b-store-1\nb-store-3\n");
        var changed = loader.Load(registry.Folder);
        Assert.Equal((1, 11), loader.LastParse);
        var b = changed.Cases.Single(k => k.Id == "b");
        Assert.Equal(["b-store-1", "b-store-3"], b.Defendants.Order(StringComparer.Ordinal));
        Assert.NotEqual(added.Version, changed.Version);
    }

    [Fact]
    public void AReusedParseGivesTheSameSnapshotAndLeavesTheOldOneAlone()
    {
        using var registry = ThreeCases();
        var loader = Engines.NewLoader(_clock);
        var fresh = Engines.NewLoader(_clock).Load(registry.Folder);

        var first = loader.Load(registry.Folder);
        var second = loader.Load(registry.Folder);
        var third = loader.Load(registry.Folder);
        Assert.Equal((0, 9), loader.LastParse);

        foreach (var snapshot in new[] { first, second, third })
        {
            Assert.Equal(fresh.Version, snapshot.Version);
            Assert.Equal(fresh.DefendantCount, snapshot.DefendantCount);
            Assert.Equal(fresh.NoticeCount, snapshot.NoticeCount);
            Assert.Equal(fresh.Artwork.HashCount, snapshot.Artwork.HashCount);
            Assert.Equal(fresh.Marks.Select(m => (m.Id, m.CaseOrdinal, m.Ordinal)), snapshot.Marks.Select(m => (m.Id, m.CaseOrdinal, m.Ordinal)));
            Assert.Equal(fresh.Works.Select(w => (w.Id, string.Join(",", w.Images), w.CaseOrdinal)), snapshot.Works.Select(w => (w.Id, string.Join(",", w.Images), w.CaseOrdinal)));
            for (int c = 0; c < fresh.Cases.Count; c++)
            {
                Assert.Equal(fresh.Cases[c].Defendants.Order(StringComparer.Ordinal), snapshot.Cases[c].Defendants.Order(StringComparer.Ordinal));
                Assert.Equal(fresh.Cases[c].Notices.Keys.Order(StringComparer.Ordinal), snapshot.Cases[c].Notices.Keys.Order(StringComparer.Ordinal));
                Assert.Single(snapshot.Cases[c].Works[0].Images);
            }
        }
    }

    [Fact]
    public void ABadFileStaysBadUntilItsBytesChange()
    {
        using var registry = ThreeCases();
        registry.Write("cases/b.yaml", Case("b", "mark-b", "colour: red"))
            .Write("defendants/c.txt", "c-store-1\nnot one id\n");
        var loader = Engines.NewLoader(_clock);

        var firstErrors = Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder)).Errors;
        var againErrors = Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder)).Errors;

        Assert.Equal((0, 9), loader.LastParse);
        Assert.Equal(2, againErrors.Count);
        Assert.Equal(firstErrors, againErrors);
        Assert.Equal(("cases/b.yaml", "colour"), (againErrors[0].File, againErrors[0].Key));
        Assert.Equal(("defendants/c.txt", 2), (againErrors[1].File, againErrors[1].Line));

        registry.Write("cases/b.yaml", Case("b", "mark-b")).Write("defendants/c.txt", "c-store-1\n");
        Assert.Equal(3, loader.Load(registry.Folder).Cases.Count);
        Assert.Equal((2, 7), loader.LastParse);
    }

    [Fact]
    public void CrossFileChecksRunOnReusedFilesToo()
    {
        using var registry = ThreeCases();
        var loader = Engines.NewLoader(_clock);
        loader.Load(registry.Folder);

        // d reuses a's mark id and case id: a is not parsed again, and the clash is still found.
        registry.Write("cases/d.yaml", Case("a", "mark-a").Replace("defendants/a.txt", "defendants/b.txt", StringComparison.Ordinal));
        var e = Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder));
        Assert.Equal((1, 11), loader.LastParse);
        Assert.Equal(["id", "marks[0].id", "works[0].id"], e.Errors.Select(x => x.Key));
        Assert.All(e.Errors, x => Assert.Equal("cases/d.yaml", x.File));

        // A file the cases name must still exist, however often it was parsed before.
        registry.Delete("cases/d.yaml").Delete("notices/c.csv");
        var missing = Assert.Single(Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder)).Errors);
        Assert.Equal(("cases/c.yaml", "notices_file"), (missing.File, missing.Key));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneFileReadAsTwoKindsIsParsedAsEach()
    {
        using var registry = ThreeCases();
        // b's notices file is a's defendants file: read as notices it has no header.
        registry.Write("cases/b.yaml", Case("b", "mark-b").Replace("notices/b.csv", "defendants/a.txt", StringComparison.Ordinal));
        var loader = Engines.NewLoader(_clock);

        var e = Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder));
        Assert.Equal(("defendants/a.txt", "notices_file"), (e.Errors[0].File, e.Errors[0].Key));
        Assert.Equal(e.Errors, Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder)).Errors);
    }
}
