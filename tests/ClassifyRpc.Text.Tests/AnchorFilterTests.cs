using System.Text;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The anchor filter (<see cref="AnchorFilter"/>) may flag too much, never too little: every match the
/// detailed pass finds must still be found when the DFA runs only around flagged code units. Checked
/// on texts built to be hard for it: the bundled registry's marks and near-misses of them written
/// with every look-alike the normalization folds (case, l 1 | !, rn, vv, cl, digits and signs), repeats,
/// separators and ignored characters inside words, non-ASCII letters, short fields and long texts;
/// and its two paths (64 wide, scalar) must flag exactly the same code units.
/// </summary>
public sealed class AnchorFilterTests
{
    private static readonly MarkDefinition[] s_registry = MarkFixture.RegistryMarks;

    /// <summary>The strategies that put the anchor filter in front of the DFA (as int: the enum is internal).</summary>
    public static TheoryData<int, int> SeedsAndAnchoredStrategies()
    {
        var data = new TheoryData<int, int>();
        foreach (ScanStrategy strategy in new[] { ScanStrategy.Auto, ScanStrategy.Anchored, ScanStrategy.AnchoredScalar })
        {
            for (int seed = 1; seed <= 4; seed++)
            {
                data.Add(seed, (int)strategy);
            }
        }
        return data;
    }

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6];

    [Fact]
    public void TheRegistryScansBehindTheFilterWhereItRunsWide()
    {
        MarkAutomaton forced = MarkAutomaton.Build(s_registry, ScanStrategy.AnchoredScalar);
        Assert.NotNull(forced.Anchors);
        Assert.False(forced.Anchors.Vectorized);
        if (AnchorFilter.IsVectorized)
        {
            Assert.NotNull(MarkFixture.ExpandedRegistry.Value.Anchors);
            Assert.True(MarkFixture.ExpandedRegistry.Value.Anchors!.Vectorized);
            Assert.True(MarkAutomaton.Build(s_registry, ScanStrategy.Anchored).Anchors!.Vectorized);
        }
        else
        {
            // The scalar path is no faster than the DFA: never chosen on its own.
            Assert.Null(MarkFixture.ExpandedRegistry.Value.Anchors);
        }
    }

    [Fact]
    public void AFewMarksWithoutTyposKeepTheirRootSkip()
    {
        // The pair filter (or the skip at the root) already leaves such text quickly.
        MarkAutomaton automaton = MarkAutomaton.Build([MarkFixture.Anywhere("Jellycat"), MarkFixture.Anywhere("Bluey")]);
        Assert.Null(automaton.Anchors);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void BothPathsFlagTheSameCodeUnits(int seed)
    {
        if (!AnchorFilter.IsVectorized)
        {
            return;   // nothing to compare on this machine: the scalar path is tested through the scans
        }
        AnchorFilter vector = MarkAutomaton.Build(s_registry, ScanStrategy.Anchored).Anchors!;
        AnchorFilter scalar = MarkAutomaton.Build(s_registry, ScanStrategy.AnchoredScalar).Anchors!;
        var random = new Random(seed);
        for (int n = 0; n < 400; n++)
        {
            string text = NearMissText(random, random.Next(1, n % 4 == 0 ? 120 : 8));
            int start = random.Next(3) == 0 ? random.Next(text.Length + 1) : 0;
            var expected = new List<(int, int)>();
            for (int p = start; p < text.Length; p++)
            {
                int buckets = scalar.Buckets(text, p);
                if (buckets != 0)
                {
                    expected.Add((p, buckets));
                }
            }
            var actual = new List<(int, int)>();
            var cursor = new AnchorCursor(vector, text, start);
            for (int p = cursor.Next(start); p < text.Length; p = cursor.Next(p + 1))
            {
                actual.Add((p, cursor.Buckets(p)));
            }
            Assert.True(expected.SequenceEqual(actual), $"flags differ from {start} in {Escape(text)}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AWalkThatJumpsAheadFlagsWhatTheRuleFlags(int seed)
    {
        // A scan keeps its walk (AnchorBlocks) from one region to the next, and a region may end
        // blocks past where the walk stands: the walk must then flag from there exactly as the rule
        // does, its carry (the kept code units before the new block) read afresh from the text.
        AnchorFilter filter = MarkAutomaton.Build(s_registry, ScanStrategy.Anchored).Anchors!;
        AnchorFilter scalar = MarkAutomaton.Build(s_registry, ScanStrategy.AnchoredScalar).Anchors!;
        var random = new Random(seed);
        int farJumps = 0;
        for (int n = 0; n < 200; n++)
        {
            string text = NearMissText(random, random.Next(60, 200));
            var walk = default(AnchorBlocks);
            int from = random.Next(Math.Min(text.Length, 100));
            walk.Start(filter, text, from);
            while (from < text.Length)
            {
                int expected = from;
                while (expected < text.Length && scalar.Buckets(text, expected) == 0)
                {
                    expected++;
                }
                int actual = walk.Next(filter, text, from);
                Assert.True(expected == actual, $"from {from}: flag at {actual}, the rule says {expected} in {Escape(text)}");
                if (actual < text.Length)
                {
                    Assert.True(scalar.Buckets(text, actual) == walk.Buckets(actual), $"buckets at {actual} in {Escape(text)}");
                }
                // On a little past the flag, or far: two blocks and more start the walk afresh there.
                int jump = random.Next(4) == 0 ? random.Next(128, 300) : random.Next(1, 40);
                farJumps += jump >= 128 && actual + jump < text.Length ? 1 : 0;
                from = Math.Max(from + 1, actual + jump);
            }
        }
        Assert.True(farJumps > 100, $"only {farJumps} far jumps");
    }

    [Theory]
    [MemberData(nameof(SeedsAndAnchoredStrategies))]
    public void MarksAndNearMissesScanLikeTheDetailedPassAlone(int seed, int strategy)
    {
        MarkAutomaton automaton = MarkAutomaton.Build(s_registry, (ScanStrategy)strategy);
        var random = new Random(seed);
        var fast = new MarkHitBuffer();
        var detailed = new MarkHitBuffer();
        int matched = 0;
        for (int n = 0; n < 3000; n++)
        {
            // Mostly short fields (the service scans each field on its own), some long texts.
            string text = NearMissText(random, n % 50 == 0 ? random.Next(100, 400) : random.Next(1, 6));
            fast.Clear();
            detailed.Clear();
            automaton.ScanDetailed(text, detailed);
            automaton.Scan(text, fast);
            Assert.True(detailed.AsSpan().SequenceEqual(fast.AsSpan()), $"hits differ in {Escape(text)}");
            if (detailed.Count > 0)
            {
                matched++;
                Assert.True(automaton.MayMatch(text));
            }
        }
        // The generator does write matches (exact and one-typo), so the property is exercised.
        Assert.True(matched > 300, $"only {matched} texts matched");
    }

    [Theory]
    [MemberData(nameof(SeedsAndAnchoredStrategies))]
    public void EverySpellingIsFoundWhereverItIsWritten(int seed, int strategy)
    {
        // Each compiled spelling (stems, plurals, variants, suffixes, one-edit spellings) written out
        // in raw text with random look-alikes, repeats, separators and ignored characters, inside
        // other words or on its own: the fast pass must find what the detailed pass finds.
        MarkAutomaton automaton = MarkAutomaton.Build(s_registry, (ScanStrategy)strategy);
        IReadOnlyList<string> spellings = automaton.Spellings;
        var random = new Random(seed);
        var fast = new MarkHitBuffer();
        var detailed = new MarkHitBuffer();
        int matched = 0;
        for (int n = 0; n < spellings.Count; n++)
        {
            var text = new StringBuilder();
            if (random.Next(2) == 0)
            {
                text.Append(Pick(random, s_filler)).Append(Pick(random, s_separators));
            }
            foreach (char printed in spellings[(n * 7 + seed) % spellings.Count])
            {
                AppendSymbol(random, text, printed);
            }
            if (random.Next(2) == 0)
            {
                text.Append(Pick(random, s_separators)).Append(Pick(random, s_filler));
            }
            string s = text.ToString();
            fast.Clear();
            detailed.Clear();
            automaton.ScanDetailed(s, detailed);
            automaton.Scan(s, fast);
            Assert.True(detailed.AsSpan().SequenceEqual(fast.AsSpan()), $"hits differ in {Escape(s)}");
            matched += detailed.Count > 0 ? 1 : 0;
        }
        Assert.True(matched > spellings.Count / 2, $"only {matched} of {spellings.Count} texts matched");
    }

    private static readonly string[] s_filler =
    [
        "soft", "plush", "toy", "pillow", "squishy", "snuggly", "premium", "quality", "mallow", "womp", "pals",
        "luminous", "Hallowe'en", "com", "sq", "a", "", "Squish", "Snuggle", "wompwomp", "illuminated",
    ];

    private static readonly string[] s_separators = [" ", " ", " ", ".", "-", ", ", "  ", "\u2122", "/", "\n", ""];

    // Raw spellings of each printed symbol (before case changes): look-alikes the normalization folds.
    private static readonly Dictionary<char, string[]> s_raw = new()
    {
        ['a'] = ["a", "4", "@", "\u0430"], ['b'] = ["b", "8"], ['c'] = ["c", "\u0441"], ['d'] = ["d", "cl"],
        ['e'] = ["e", "3", "\u0435"], ['g'] = ["g", "9"], ['i'] = ["i", "l", "1", "|", "!", "I", "\u0456"],
        ['m'] = ["m", "rn", "r\u200Bn"], ['o'] = ["o", "0", "\u043E"], ['s'] = ["s", "5", "$"], ['t'] = ["t", "7"],
        ['w'] = ["w", "vv"], ['u'] = ["u", "\u00FC"],
    };

    private static void AppendSymbol(Random random, StringBuilder text, char printed)
    {
        int copies = random.Next(6) == 0 ? 2 : 1;
        for (int k = 0; k < copies; k++)
        {
            string raw = s_raw.TryGetValue(printed, out string[]? forms) && random.Next(3) == 0 ? Pick(random, forms) : printed.ToString();
            text.Append(random.Next(4) == 0 ? raw.ToUpperInvariant() : raw);
            int between = random.Next(12);
            if (between == 0)
            {
                text.Append(Pick(random, s_separators));
            }
            else if (between == 1)
            {
                text.Append('\u200B');
            }
        }
    }

    /// <summary>Words near the registry's marks: the marks, one or two random edits of them, pieces of
    /// them, with separators and look-alikes; and some plain words.</summary>
    private static string NearMissText(Random random, int words)
    {
        string[] marks = ["Squishmallows", "Squishmallowing", "Squish Mallow", "Lumi", "Snugglewomp", "Womp Pals"];
        const string letters = "abcdefghijklmnopqrstuvwxyz";
        var text = new StringBuilder();
        for (int w = 0; w < words; w++)
        {
            if (random.Next(4) == 0)
            {
                text.Append(Pick(random, s_filler));
            }
            else
            {
                var word = new StringBuilder(Pick(random, marks));
                if (random.Next(3) == 0)
                {
                    // A piece of the mark.
                    int from = random.Next(word.Length);
                    string piece = word.ToString(from, random.Next(word.Length - from) + 1);
                    word.Clear().Append(piece);
                }
                int edits = random.Next(3);
                for (int e = 0; e < edits && word.Length > 1; e++)
                {
                    int at = random.Next(word.Length);
                    switch (random.Next(4))
                    {
                        case 0: word.Insert(at, letters[random.Next(letters.Length)]); break;
                        case 1: word.Remove(at, 1); break;
                        case 2: word[at] = letters[random.Next(letters.Length)]; break;
                        default:
                            if (at + 1 < word.Length)
                            {
                                (word[at], word[at + 1]) = (word[at + 1], word[at]);
                            }
                            break;
                    }
                }
                foreach (char c in word.ToString())
                {
                    char lower = char.ToLowerInvariant(c);
                    string raw = s_raw.TryGetValue(lower, out string[]? forms) && random.Next(5) == 0 ? Pick(random, forms) : c.ToString();
                    text.Append(random.Next(6) == 0 ? raw.ToUpperInvariant() : raw);
                    if (random.Next(15) == 0)
                    {
                        text.Append(random.Next(3) == 0 ? "\u200B" : Pick(random, s_separators));
                    }
                }
            }
            text.Append(Pick(random, s_separators));
        }
        return text.ToString();
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

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
