using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;
using Xunit;

namespace ClassifyRpc.Registry.Tests;

/// <summary>Full loads (parse and compile, with the real automaton and artwork catalog).</summary>
public sealed class RegistryLoaderTests
{
    private const string ValidCase = """
        id: acme-v-does
        effective_from: 2024-01-01
        scope: any_seller
        channels:
          search: enforced
        marks:
          - id: acme
            text: Acme Widget
        """;

    private readonly FakeClock _clock = new(2025, 6, 1);

    [Fact]
    public void BundledRegistryLoads()
    {
        var snapshot = Engines.NewLoader(_clock).Load(RepoPaths.DefaultRegistry);

        Assert.Equal(3, snapshot.Cases.Count);
        Assert.Equal(4, snapshot.Marks.Count);
        Assert.Equal(5, snapshot.Works.Count);
        Assert.Equal(4, snapshot.Automaton.MarkCount);
        Assert.True(snapshot.Artwork.HashCount >= 5);
        Assert.Equal(160, snapshot.DefendantCount);
        Assert.Equal(15, snapshot.NoticeCount);
        Assert.Equal(_clock.Now, snapshot.LoadedAt);
        Assert.Equal(Path.GetFullPath(RepoPaths.DefaultRegistry).TrimEnd('/'), snapshot.Source);
        Assert.Matches("^[0-9a-f]{32}$", snapshot.Version);

        // Ordinals are indexes, and marks/works point back at their case.
        for (int i = 0; i < snapshot.Marks.Count; i++)
        {
            var mark = snapshot.Marks[i];
            Assert.Equal(i, mark.Ordinal);
            Assert.Contains(mark, snapshot.Cases[mark.CaseOrdinal].Marks);
        }
        for (int i = 0; i < snapshot.Works.Count; i++)
        {
            var work = snapshot.Works[i];
            Assert.Equal(i, work.Ordinal);
            Assert.Contains(work, snapshot.Cases[work.CaseOrdinal].Works);
        }
        var womp = snapshot.Cases.Single(c => c.Id == "womp-works-v-schedule-a");
        Assert.Equal(CaseScope.AnySeller, womp.Scope);
        Assert.Equal(["snugglewomp", "womp-pals"], womp.Marks.Select(m => m.Id));
        Assert.Equal(["works/womp-bear.png"], womp.Works[0].Images);
        Assert.Equal("cases/womp-works-v-schedule-a.yaml", womp.SourceFile);
    }

    [Fact]
    public void VersionIsStableAcrossLoadsAndFolders()
    {
        var loader = Engines.NewLoader(_clock);
        string first = loader.Load(RepoPaths.DefaultRegistry).Version;
        _clock.Now = _clock.Now.AddDays(3);
        Assert.Equal(first, loader.Load(RepoPaths.DefaultRegistry).Version);

        // Another folder holding the same files (another replica) has the same version.
        using var copy = TempRegistry.CopyOf(RepoPaths.DefaultRegistry);
        Assert.Equal(first, Engines.NewLoader(_clock).Load(copy.Folder).Version);
    }

    [Fact]
    public void VersionChangesWhenAByteOrANameChanges()
    {
        using var copy = TempRegistry.CopyOf(RepoPaths.DefaultRegistry);
        var loader = Engines.NewLoader(_clock);
        string original = loader.Load(copy.Folder).Version;

        // One byte of a notice reference.
        string notices = File.ReadAllText(copy.PathOf("notices/kelly-toys-v-19885566-store.csv"));
        copy.Write("notices/kelly-toys-v-19885566-store.csv", notices.Replace("notice-0015", "notice-0016", StringComparison.Ordinal));
        string changed = loader.Load(copy.Folder).Version;
        Assert.NotEqual(original, changed);

        // Same bytes back: same version again.
        copy.Write("notices/kelly-toys-v-19885566-store.csv", notices);
        Assert.Equal(original, loader.Load(copy.Folder).Version);

        // A renamed file (and the case pointing at it) is a different registry.
        File.Move(copy.PathOf("defendants/lumi-labs-v-doe-sellers.txt"), copy.PathOf("defendants/lumi.txt"));
        string lumiCase = File.ReadAllText(copy.PathOf("cases/lumi-labs-v-doe-sellers.yaml"));
        copy.Write("cases/lumi-labs-v-doe-sellers.yaml", lumiCase.Replace("defendants/lumi-labs-v-doe-sellers.txt", "defendants/lumi.txt", StringComparison.Ordinal));
        Assert.NotEqual(original, loader.Load(copy.Folder).Version);

        // Files nobody reads do not count.
        copy.Write("cases/lumi-labs-v-doe-sellers.yaml", lumiCase);
        File.Move(copy.PathOf("defendants/lumi.txt"), copy.PathOf("defendants/lumi-labs-v-doe-sellers.txt"));
        copy.Write("README.txt", "not part of the registry");
        Assert.Equal(original, loader.Load(copy.Folder).Version);
    }

    [Fact]
    public void VersionFramingIsDocumented()
    {
        // XxHash128 over (u32 LE path length, path, u64 LE content length, content) per file, sorted by path.
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase);
        var snapshot = Engines.NewLoader(_clock).Load(registry.Folder);
        byte[] content = File.ReadAllBytes(registry.PathOf("cases/a.yaml"));
        byte[] path = "cases/a.yaml"u8.ToArray();
        var framed = new List<byte>();
        framed.AddRange(BitConverter.GetBytes((uint)path.Length));
        framed.AddRange(path);
        framed.AddRange(BitConverter.GetBytes((ulong)content.Length));
        framed.AddRange(content);
        Assert.Equal(Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(framed.ToArray())), snapshot.Version);
    }

    [Fact]
    public void AMarkTheAutomatonRefusesIsAnError()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase + """

              - id: nothing
                text: "-- ** --"
              - id: fine
                text: Fine Goods
              - id: also-nothing
                text: "™"
            """);
        var e = Assert.Throws<RegistryLoadException>(() => Engines.NewLoader(_clock).Load(registry.Folder));
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(("cases/a.yaml", 9, "marks[1]"), (e.Errors[0].File, e.Errors[0].Line, e.Errors[0].Key));
        Assert.Contains("mark 'nothing' cannot be compiled", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(("cases/a.yaml", 13, "marks[3]"), (e.Errors[1].File, e.Errors[1].Line, e.Errors[1].Key));
    }

    [Fact]
    public void AnUndecodableWorkImageIsAnError()
    {
        using var registry = new TempRegistry()
            .WriteBytes("works/broken.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3])
            .WriteBytes("works/text.png", "hello"u8.ToArray())
            .WriteBytes("works/good.png", File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works/womp-bear.png")))
            .Write("cases/a.yaml", ValidCase + """

                works:
                  - id: art
                    images: [works/good.png, works/broken.png]
                  - id: other
                    images: [works/text.png]
                """);
        var e = Assert.Throws<RegistryLoadException>(() => Engines.NewLoader(_clock).Load(registry.Folder));
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(("cases/a.yaml", 11, "works[0].images[1]"), (e.Errors[0].File, e.Errors[0].Line, e.Errors[0].Key));
        Assert.Contains("'works/broken.png' cannot be used as a work image", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(("cases/a.yaml", 13, "works[1].images[0]"), (e.Errors[1].File, e.Errors[1].Line, e.Errors[1].Key));
    }

    [Fact]
    public void ParseAndCompileErrorsAreReportedTogether()
    {
        using var registry = new TempRegistry()
            .WriteBytes("works/broken.png", [1, 2, 3])
            .Write("cases/a.yaml", ValidCase + """

                  - id: nothing
                    text: "--"
                works:
                  - id: art
                    images: [works/broken.png]
                colour: red
                """);
        var e = Assert.Throws<RegistryLoadException>(() => Engines.NewLoader(_clock).Load(registry.Folder));
        Assert.Equal(
            [("cases/a.yaml", 9, "marks[1]"), ("cases/a.yaml", 13, "works[0].images[0]"), ("cases/a.yaml", 14, "colour")],
            e.Errors.Select(x => (x.File, x.Line, x.Key)));
        Assert.Equal(Path.GetFullPath(registry.Folder), e.Folder);
        Assert.Contains("cases/a.yaml:14: colour: unknown key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarksOverTheStateLimitAreOneRegistryErrorNamingTheSetting()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase);
        int states = Engines.NewLoader(_clock).Load(registry.Folder).Automaton.StateCount;
        var limits = new RegistryLimits { Marks = new MarkLimits { MaxStates = states - 1 }, MaxStatesSetting = "Test:MaxStates" };

        var e = Assert.Throws<RegistryLoadException>(() => new RegistryLoader(new WorkHashCache(Engines.NewProber()), _clock, limits).Load(registry.Folder));

        var error = Assert.Single(e.Errors);
        Assert.Equal((".", 0, "(registry)"), (error.File, error.Line, error.Key));
        Assert.Equal($"the marks need {states} automaton states; the limit is {states - 1} (Test:MaxStates)", error.Message);
        // At the limit itself it loads.
        limits = limits with { Marks = new MarkLimits { MaxStates = states } };
        Assert.Equal(states, new RegistryLoader(new WorkHashCache(Engines.NewProber()), _clock, limits).Load(registry.Folder).Automaton.StateCount);
    }

    [Fact]
    public void AnUnexpectedExceptionDuringALoadIsALoadFailureThatKeepsIt()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase);
        var failure = new InvalidOperationException("the clock broke");
        var loader = Engines.NewLoader(new BreakableClock { Failure = failure });

        var e = Assert.Throws<RegistryLoadException>(() => loader.Load(registry.Folder));

        var error = Assert.Single(e.Errors);
        Assert.Equal((".", 0, "(registry)", "InvalidOperationException: the clock broke"), (error.File, error.Line, error.Key, error.Message));
        Assert.Same(failure, e.InnerException);
        Assert.Equal(Path.GetFullPath(registry.Folder), e.Folder);
    }

    [Fact]
    public void ACaseWithoutMarksOrWorksLoads()
    {
        using var registry = new TempRegistry()
            .Write("notices/n.csv", "listing_id,received,reference\nL1,2024-01-02,n-1\n")
            .Write("cases/a.yaml", """
                id: notices-only
                effective_from: 2024-01-01
                scope: defendants
                defendants: []
                channels: {email: enforced}
                notices_file: notices/n.csv
                """);
        var snapshot = Engines.NewLoader(_clock).Load(registry.Folder);
        Assert.Empty(snapshot.Marks);
        Assert.Empty(snapshot.Works);
        Assert.Equal(1, snapshot.NoticeCount);
        Assert.Equal(ChannelState.Enforced, snapshot.Cases[0].GetChannel(PromotionChannel.Email));
    }
}
