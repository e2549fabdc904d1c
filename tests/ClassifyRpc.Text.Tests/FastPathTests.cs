using System.Text;
using System.Text.Json;
using ClassifyRpc.Tests;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The scan's fast pass (<c>MayMatch</c>: table-driven, vectorized skip at the root) may only ever say
/// "maybe" too often, never miss: wherever the detailed pass finds a hit, the fast pass must say maybe.
/// Checked on random texts built from the characters that take its special paths.
/// </summary>
public sealed class FastPathTests
{
    // Pair letters (r n v c l), their look-alikes, ignored characters, separators, surrogate pairs,
    // expansions, lone surrogates, and plain letters of the marks below.
    private static readonly string[] s_pieces =
    [
        "r", "n", "v", "c", "l", "R", "N", "V", "C", "L", "m", "w", "d", "u", "i", "o", "e", "a", "s", "p", "g", "k",
        "\u0433", "\u0441", "\u0456", "\u043E", "\u0440", "\u057C", "\uFF52", "\uFF4E",      // Cyrillic, Armenian, fullwidth
        "\u200B", "\u200D", "\u00AD", "\u0301", "\uFE0F",                                  // ignored
        " ", ".", "-", "\u2122", "!", "|", "$", "@", "1", "0", "5",                        // separators, classes
        "\U0001D42B", "\U0001D427", "\U0001D42F", "\U0001F600", "\uD800", "\uDC00",      // math r n v, emoji, lone
        "\uFB01", "\u2167", "\u2474", "\u01C9",                                           // fi, VIII, (1), lj
    ];

    private static readonly MarkDefinition[] s_marks =
    [
        new("mud", "Mud", MarkMode.Anywhere, false, []),
        new("wood", "Wood", MarkMode.Anywhere, false, []),
        new("dim", "Dim", MarkMode.Word, false, []),
        new("nova", "Nova", MarkMode.Anywhere, false, []),
        new("lumi", "Lumi", MarkMode.Word, false, []),
        new("curve", "Curve", MarkMode.Anywhere, false, []),
        new("snugglewomp", "Snugglewomp", MarkMode.Anywhere, true, []),
        new("fiv", "Fiv", MarkMode.Anywhere, false, []),
        new("kip", "Kip", MarkMode.Word, false, []),
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>Seeds with each <see cref="ScanStrategy"/> (as int: the enum is internal).</summary>
    public static TheoryData<int, int> SeedsAndStrategies()
    {
        var data = new TheoryData<int, int>();
        foreach (ScanStrategy strategy in Enum.GetValues<ScanStrategy>())
        {
            for (int seed = 1; seed <= 4; seed++)
            {
                data.Add(seed, (int)strategy);
            }
        }
        return data;
    }

    private static MarkAutomaton[] Automatons(int strategy) =>
    [
        MarkAutomaton.Build(s_marks[..5], (ScanStrategy)strategy),
        MarkAutomaton.Build(s_marks, (ScanStrategy)strategy),
        MarkAutomaton.Build(s_marks[5..], (ScanStrategy)strategy),
    ];

    [Fact]
    public void EachStrategyIsAvailable()
    {
        Assert.Equal(ScanStrategy.Dense, MarkAutomaton.Build(s_marks, ScanStrategy.Dense).Strategy);
        Assert.Equal(ScanStrategy.RootSkip, MarkAutomaton.Build(s_marks, ScanStrategy.RootSkip).Strategy);
        if (PairFilter.IsSupported)
        {
            Assert.Equal(ScanStrategy.PairFilter, MarkAutomaton.Build(s_marks[..5], ScanStrategy.PairFilter).Strategy);
            Assert.Equal(ScanStrategy.PairFilter, MarkAutomaton.Build(s_marks[..5]).Strategy);
        }
        if (WidePairFilter.IsSupported)
        {
            // The AVX2 form can be forced where AVX-512 would run, so both are tested on this machine.
            Assert.Equal(ScanStrategy.PairFilterAvx2, MarkAutomaton.Build(s_marks[..5], ScanStrategy.PairFilterAvx2).Strategy);
        }
        // With its fuzzy marks expanded, the registry can leave the root on any letter: no skip pays there.
        // Compiled as verified anchors, a few letters leave the root and the pair filter runs.
        Assert.Equal(ScanStrategy.Dense, MarkFixture.Registry.Value.Strategy);
        if (PairFilter.IsSupported)
        {
            Assert.Equal(ScanStrategy.PairFilter, MarkFixture.VerifiedRegistry.Value.Strategy);
        }
    }

    [Theory]
    [MemberData(nameof(SeedsAndStrategies))]
    public void FastPassNeverMissesWhatTheDetailedPassFinds(int seed, int strategy)
    {
        var random = new Random(seed);
        MarkAutomaton[] automatons = Automatons(strategy);
        var buffer = new MarkHitBuffer();
        int found = 0;
        for (int n = 0; n < 4000; n++)
        {
            string s = RandomText.Of(random, s_pieces, 13);
            foreach (MarkAutomaton automaton in automatons)
            {
                buffer.Clear();
                automaton.ScanDetailed(s, buffer);
                if (buffer.Count > 0)
                {
                    found++;
                    Assert.True(automaton.MayMatch(s), $"fast pass missed a hit in {Escape(s)}");
                }

                // And Scan (fast pass, then detailed) agrees with the detailed pass alone.
                MarkHit[] detailed = buffer.AsSpan().ToArray();
                buffer.Clear();
                automaton.Scan(s, buffer);
                Assert.Equal(detailed, buffer.AsSpan().ToArray());
            }
        }
        // The generator does produce matches, so the property is exercised.
        Assert.True(found > 20, $"only {found} texts matched");
    }

    [Theory]
    [MemberData(nameof(SeedsAndStrategies))]
    public void LongTextsScanLikeTheDetailedPassAlone(int seed, int strategy)
    {
        // Many matches, near-misses and tricky characters in one long text: the fast pass hands the
        // detailed pass regions around candidates only, and the hits must be the same as reading it all.
        string[] words =
        [
            "soft", "plush", "toy", "Mud", "Wood", "Dim", "Nova", "Lumi", "Curve", "Snugglewomp", "Snugglewamp",
            "S.n.u.g.g.l.e.w.o.m.p", "Lurni", "vvood", "illuminated", "Mudd", "rn", "cl", "Kip!", "Kip$", "pals",
            "\u0441lim", "Fiv", "\uFB01v", "100%", "\U0001F600", "\u200B", "--", "Dimmer", "Lu mi",
        ];
        var random = new Random(seed);
        MarkAutomaton[] automatons = Automatons(strategy);
        var fast = new MarkHitBuffer();
        var detailed = new MarkHitBuffer();
        for (int n = 0; n < 60; n++)
        {
            var text = new StringBuilder();
            int count = random.Next(50, 800);
            for (int w = 0; w < count; w++)
            {
                text.Append(random.Next(4) == 0 ? s_pieces[random.Next(s_pieces.Length)] : words[random.Next(words.Length)]);
                text.Append(random.Next(3) == 0 ? "" : " ");
            }
            string s = text.ToString();
            foreach (MarkAutomaton automaton in automatons)
            {
                fast.Clear();
                detailed.Clear();
                automaton.Scan(s, fast);
                automaton.ScanDetailed(s, detailed);
                Assert.Equal(detailed.AsSpan().ToArray(), fast.AsSpan().ToArray());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RunsSpellWhatTheNormalizerPrints(int seed)
    {
        // The detailed pass reads ASCII straight from the table and the rest through the token reader;
        // its runs must spell exactly the normalizer's symbols (which reads everything through the reader).
        var random = new Random(seed);
        for (int n = 0; n < 3000; n++)
        {
            string s = RandomText.Of(random, s_pieces, 19);
            var builder = new RunBuilder(new SymbolRun[4]);
            builder.Build(s);
            var spelled = new StringBuilder();
            foreach (SymbolRun run in builder.Runs)
            {
                spelled.Append(Symbols.Printed[run.Symbol]);
                Assert.True(run.FirstStart >= 0 && run.LastEnd <= s.Length && run.FirstStart < run.LastEnd);
            }
            builder.Dispose();
            Assert.Equal(TextNormalizer.Normalize(s).Replace(" ", ""), spelled.ToString());
        }
    }

    [Theory]
    [InlineData("soft S.n.u.g.g.l.e.w.o.m.p plush")]                                  // a match over eleven words
    [InlineData("big S n u g g i e w a m p, C-u-r-v-e")]                                  // fuzzy, then another
    [InlineData("soft toy mrnmrnmrnmrnmrnmrnmrnmrnmrnmrnmrnmrnud plush")]             // one m run of many pairs
    [InlineData("soft toy m rn m rn m rn m rn m rn m rn m rn m rn m rn m rn mud")]     // ... across words
    [InlineData("big clclclclclclclclclclclclclclclclclim plush")]                     // cl -> d, then dim
    [InlineData("x vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvood y")]                              // vv -> w, then wood
    [InlineData("a \uFF52n\uFF52n\uFF52n\uFF52n\uFF52n\uFF52n\uFF52n\uFF52n\uFF52n\uFF52nud b")]   // fullwidth r
    public void RegionsCoverMatchesWhoseFirstRunIsLong(string text)
    {
        // The detailed pass starts a number of symbol runs back from a candidate: enough for a match
        // spelled out over many words, and code units that merge into fewer runs (rn, vv, cl, repeats)
        // must never make it start inside the match.
        foreach (ScanStrategy strategy in Enum.GetValues<ScanStrategy>())
        {
            MarkAutomaton automaton = MarkAutomaton.Build(s_marks, strategy);
            var fast = new MarkHitBuffer();
            var detailed = new MarkHitBuffer();
            automaton.Scan(text, fast);
            automaton.ScanDetailed(text, detailed);
            Assert.NotEqual(0, detailed.Count);
            Assert.Equal(detailed.AsSpan().ToArray(), fast.AsSpan().ToArray());
        }
    }

    [Theory]
    [InlineData("soft wombat\uFB01 plush", 1)]                    // "wombatf" ends inside the fi ligature
    [InlineData("soft w.o.m.b.a.t\uFB01 plush", 1)]               // ... spelled over words
    [InlineData("soft w o m b a t\uFB01sh plush", 1)]
    [InlineData("plush toy x wom bat\uFB01 and a wombatf", 2)]
    [InlineData("big w-o-m-b-a-t\uFB01 toy, then another wombat\uFB01 soft", 2)]
    public void RegionsCoverMatchesPassedInsideOneToken(string text, int expected)
    {
        // Where the DFA read the whole text, a region reaches back only as far as the candidate
        // state's depth. A code unit of several symbols (the fi ligature) may pass a state with output
        // and leave it for a shallow one ("...f" then "i"): the region must still reach the start of
        // the match it passed, not just the depth of where the token left the DFA.
        MarkDefinition[] marks = [new("wombatf", "Wombatf", MarkMode.Anywhere, false, []), new("kip", "Kip", MarkMode.Word, false, [])];
        foreach (ScanStrategy strategy in Enum.GetValues<ScanStrategy>())
        {
            AssertScanLikeDetailed(MarkAutomaton.Build(marks, strategy), text, expected);
        }
    }

    [Theory]
    [InlineData("Star", "nud Pals", 1)]        // rn -> m: "Mud Pals" over two words, "Star" not there
    [InlineData("Star", "n-u-d Pals", 1)]      // ... spelled out
    [InlineData("Tav", "vud Pals", 0)]         // vv -> w: "wud", neither mark
    [InlineData("Arc", "lud Pals", 0)]         // cl -> d: "dud", neither mark
    [InlineData("Star", " nud Pals", 1)]       // a separator between: r alone ends "Star", no "Mud Pals"
    [InlineData("Star", "\u200Bnud Pals", 1)]  // ... an ignored character between: the reader joins across it
    public void APairLettersOutputWaitsForTheCodeUnitAfterIt(string first, string rest, int expected)
    {
        // A spelling that ends in r, v or c ends a token only if the next code unit does not make a pair
        // with it. The fast pass must not take the letter alone for a candidate before it knows: the
        // state it resumes in after that region would read the pair's second letter on its own, and a
        // match going on from the pair across the region's end would be lost. Long texts, so the
        // region ends at the word's end rather than taking the rest of the text.
        MarkDefinition[] marks =
        [
            new("first", first, MarkMode.Anywhere, false, []),
            new("mud-pals", "Mud Pals", MarkMode.Anywhere, false, []),
        ];
        string text = "soft " + first + rest + string.Concat(Enumerable.Repeat(" soft plush toy", 8));
        foreach (ScanStrategy strategy in Enum.GetValues<ScanStrategy>())
        {
            AssertScanLikeDetailed(MarkAutomaton.Build(marks, strategy), text, expected);
        }
    }

    /// <summary>The scan (fast pass, then regions) reports exactly what the detailed pass alone does,
    /// <paramref name="expected"/> hits.</summary>
    private static void AssertScanLikeDetailed(MarkAutomaton automaton, string text, int expected)
    {
        (MarkHit[] scanned, MarkHit[] detailed) = BothPasses.Of(automaton, text);
        Assert.Equal(expected, detailed.Length);
        Assert.Equal(detailed, scanned);
    }

    [Theory]
    [InlineData("illuminated aluminium luminous plumis", 0)]        // word-mode spelling ends inside a word
    [InlineData("Lumi$ Lumii Lumi! lumi Lumi@", 5)]                  // ... or at a word end, trailing ! | $ @ too
    [InlineData("Kip s and Kip es and Kip ing", 3)]                  // a word joined to a suffix after a region
    [InlineData("Kip Kip kip Kipp Kips", 5)]                         // the same state on again: one hit each
    [InlineData("Squishmallows toy squishmallow toy Squishmalows s", 3)] // a region ending in a state with output
    [InlineData("Squishmallow sx", 1)]                                // ... and the next run entering another
    public void CandidatesAfterRegionsAndInsideWords(string text, int expected)
    {
        // A region ends at a separator, maybe in a state with output: the fast pass takes only a change
        // of state for a new candidate. A candidate whose spellings are all word-mode and whose run the
        // next letter ends inside the word is passed over. Neither may lose a hit.
        MarkDefinition[] marks =
        [
            new("lumi", "Lumi", MarkMode.Word, false, []),
            new("kip", "Kip", MarkMode.Word, false, []),
            new("squishmallows", "Squishmallows", MarkMode.Anywhere, true, []),
        ];
        string padding = string.Concat(Enumerable.Repeat(" soft plush toy", 6));
        string padded = padding + " " + text + padding;
        foreach (ScanStrategy strategy in Enum.GetValues<ScanStrategy>())
        {
            MarkAutomaton automaton = MarkAutomaton.Build(marks, strategy);
            AssertScanLikeDetailed(automaton, text, expected);
            AssertScanLikeDetailed(automaton, padded, expected);
        }
    }

    /// <summary>Ten brands, no fuzzy expansion: few start letters, so the pair filter runs.</summary>
    private static readonly MarkDefinition[] s_brands =
    [
        .. new[] { "Squishmallows", "Snugglewomp", "Jellycat", "Pokemon", "Labubu", "Beanie Boos", "Funko", "Hello Kitty", "Bluey", "Sanrio" }
            .Select(n => new MarkDefinition(n.ToLowerInvariant(), n, MarkMode.Anywhere, false, [])),
        new("pip", "Pip", MarkMode.Word, false, []),
    ];

    [Theory]
    [MemberData(nameof(Strategies))]
    public void CorpusFieldsScanLikeTheDetailedPass(int strategy)
    {
        // Real listing text, each field on its own as the service scans it (most fit one vector, the
        // descriptions take several), and the whole corpus as one text.
        MarkAutomaton automaton = MarkAutomaton.Build(s_brands, (ScanStrategy)strategy);
        var fast = new MarkHitBuffer();
        var detailed = new MarkHitBuffer();
        var fields = new List<string>();
        foreach (string line in File.ReadLines(RepoPaths.Data("listings-public.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            fields.Add(root.GetProperty("title").GetString() ?? "");
            fields.Add(root.GetProperty("description").GetString() ?? "");
            fields.AddRange(root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString() ?? ""));
        }
        int matched = 0;
        foreach (string field in fields.Append(string.Join("\n", fields)))
        {
            fast.Clear();
            detailed.Clear();
            automaton.Scan(field, fast);
            automaton.ScanDetailed(field, detailed);
            Assert.Equal(detailed.AsSpan().ToArray(), fast.AsSpan().ToArray());
            matched += fast.Count > 0 ? 1 : 0;
        }
        Assert.True(matched > 100, $"only {matched} fields matched");
    }

    [Theory]
    [MemberData(nameof(Strategies))]
    public void MarksAreFoundAtEveryOffsetAroundVectorEdges(int strategy)
    {
        // The vectorized skips work in blocks (32 and 64 code units, 3 more looked ahead) with a masked
        // or scalar tail: a mark starting or ending on either side of any block edge must be found, and
        // a start letter at the very end ("...the b") must not make anything up.
        MarkAutomaton automaton = MarkAutomaton.Build(s_brands, (ScanStrategy)strategy);
        var hits = new MarkHitBuffer();
        foreach (string mark in (string[])["Bluey", "Pip", "S.a.n.r.i.o", "Jelly\u0441at", "Funko", "Bllluey", "B. l.luey", "B-l. u\u0301ey"])
        {
            for (int length = 0; length <= 140; length++)
            {
                for (int at = Math.Max(0, length - 70); at <= length; at++)
                {
                    string text = new string('x', at) + " " + mark + " " + new string('y', length - at);
                    hits.Clear();
                    automaton.Scan(text, hits);
                    Assert.True(hits.Count == 1 && hits[0].Start == at + 1, $"{mark} at {at} in {text.Length}: {hits.Count} hits");
                }
                hits.Clear();
                automaton.Scan(new string('x', length) + " b", hits);
                Assert.Equal(0, hits.Count);
            }
        }
    }

    public static TheoryData<int> Strategies()
    {
        var data = new TheoryData<int>();
        foreach (ScanStrategy strategy in Enum.GetValues<ScanStrategy>())
        {
            data.Add((int)strategy);
        }
        return data;
    }

    [Theory]
    [InlineData("Lur\u200Bni")]
    [InlineData("Lu\U0001D42B\U0001D427i")]
    [InlineData("\u0441lim")]
    [InlineData("vvood")]
    [InlineData("rnud")]
    [InlineData("Mu\u0441\u200Dl")]
    public void SpecialPathsReachMatches(string text)
    {
        MarkAutomaton automaton = MarkAutomaton.Build(s_marks);
        Assert.True(automaton.MayMatch(text));
        var buffer = new MarkHitBuffer();
        automaton.Scan(text, buffer);
        Assert.True(buffer.Count > 0);
    }

    private static string Escape(string s)
    {
        var b = new StringBuilder();
        foreach (char c in s)
        {
            b.Append(c < 0x80 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}");
        }
        return b.ToString();
    }
}
