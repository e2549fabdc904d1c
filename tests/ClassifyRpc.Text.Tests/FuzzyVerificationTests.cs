using System.Text;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// Fuzzy marks are compiled as anchors verified around each find (the product) and must report exactly
/// what compiling every one-typo spelling into the DFA reports (<see cref="FuzzyMode.Expanded"/>, the
/// definition): every edit kind at every position, pairs spelled every way, collapsed repeats, word mode and
/// its suffixes, plurals, marks of exactly six letters and of two words, texts short and long, every strategy.
/// </summary>
public sealed class FuzzyVerificationTests
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";

    private static readonly string[] s_context =
    [
        "plush ", "toy ", "the ", "soft", "bear ", "gift", " ", " ", ". ", "-", "new ", "cute ", "and ", "s ", "ing ",
        "mini ", "rn ", "vv", "cl", "m ", "w ", "d ", "l1 ", "kawaii ", "!", "$ ", "ers ",
    ];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 10)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void VerifiedAnchorsReportWhatTheExpandedTyposDo(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 6; round++)
        {
            MarkDefinition[] marks = RandomMarks(random);
            MarkAutomaton expanded = MarkFixture.Expanded(marks, ScanStrategy.Dense);
            MarkAutomaton[] verified =
            [
                MarkFixture.Verified(marks),
                MarkFixture.Verified(marks, ScanStrategy.Dense),
                MarkFixture.Verified(marks, ScanStrategy.Anchored),
                MarkFixture.Verified(marks, ScanStrategy.RootSkip),
                // The shortest anchor decides which typos are anchors of their own: every way gives the same hits.
                MarkAutomaton.Build(marks, new MarkLimits { MinAnchorSymbols = 1 }, ScanStrategy.Auto, FuzzyMode.Verified),
                MarkAutomaton.Build(marks, new MarkLimits { MinAnchorSymbols = 5 }, ScanStrategy.Auto, FuzzyMode.Verified),
            ];
            Assert.True(verified[0].FuzzyAnchorCount > 0);
            int fuzzyHits = 0;
            for (int n = 0; n < 400; n++)
            {
                string text = RandomText(random, marks, long_: n % 10 == 0);
                MarkHit[] expected = Detailed(expanded, text);
                fuzzyHits += expected.Count(h => h.Edits == 1);
                foreach (MarkAutomaton automaton in verified)
                {
                    MarkHit[] actual = Hits(automaton, text, marks);
                    if (!expected.AsSpan().SequenceEqual(actual))
                    {
                        int at = 0;
                        while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at])
                        {
                            at++;
                        }
                        Assert.Fail($"marks [{string.Join(", ", marks.Select(m => $"{m.Text}/{m.Mode}"))}] text \"{text}\"\n"
                            + $"expanded: {Show(expected[Math.Max(0, at - 2)..Math.Min(expected.Length, at + 3)], text)}\n"
                            + $"verified ({automaton.Strategy}): {Show(actual[Math.Max(0, at - 2)..Math.Min(actual.Length, at + 3)], text)}");
                    }
                }
            }
            Assert.True(fuzzyHits > 50, $"only {fuzzyHits} fuzzy hits: the texts do not test much");
        }
    }

    [Fact]
    public void EveryTypoOfASixLetterMarkIsFoundAsTheExpansionFindsIt()
    {
        // Every edit at every position of marks of exactly six letters, with and without pairs, in both
        // modes, alone and inside other words.
        foreach (string text in new[] { "Bumple", "Cornel", "Clovvy", "Zorvex", "Rnrnrn" })
        {
            foreach (MarkMode mode in new[] { MarkMode.Anywhere, MarkMode.Word })
            {
                MarkDefinition[] marks = [new MarkDefinition("m", text, mode, true, [])];
                MarkAutomaton expanded = MarkFixture.Expanded(marks);
                MarkAutomaton verified = MarkFixture.Verified(marks);
                foreach (string typo in LetterTypos(text.ToLowerInvariant()))
                {
                    foreach (string context in new[] { "{0}", "a {0} b", "x{0}y", "{0}s", "{0}ing here", "the {0}!" })
                    {
                        string s = string.Format(System.Globalization.CultureInfo.InvariantCulture, context, typo);
                        Assert.Equal(Detailed(expanded, s), Hits(verified, s));
                    }
                }
            }
        }
    }

    private static IEnumerable<string> LetterTypos(string word)
    {
        const string alphabet = Letters + "0123456789";
        yield return word;
        for (int i = 0; i < word.Length; i++)
        {
            yield return word.Remove(i, 1);
            foreach (char c in alphabet)
            {
                yield return word[..i] + c + word[(i + 1)..];
            }
        }
        for (int i = 0; i + 1 < word.Length; i++)
        {
            yield return word[..i] + word[i + 1] + word[i] + word[(i + 2)..];
        }
        for (int i = 0; i <= word.Length; i++)
        {
            foreach (char c in alphabet)
            {
                yield return word[..i] + c + word[i..];
            }
        }
    }

    /// <summary>The expansion's hits by its detailed pass: the definition (its fast pass is not under test here).</summary>
    private static MarkHit[] Detailed(MarkAutomaton automaton, string text)
    {
        var detailed = new MarkHitBuffer();
        automaton.ScanDetailed(text, detailed);
        return detailed.AsSpan().ToArray();
    }

    private static MarkHit[] Hits(MarkAutomaton automaton, string text, MarkDefinition[]? marks = null)
    {
        var buffer = new MarkHitBuffer();
        automaton.Scan(text, buffer);
        var detailed = new MarkHitBuffer();
        automaton.ScanDetailed(text, detailed);
        if (!detailed.AsSpan().SequenceEqual(buffer.AsSpan()))
        {
            Assert.Fail($"the scan ({automaton.Strategy}) differs from the detailed pass on \"{text}\" marks [{string.Join(", ", (marks ?? []).Select(m => $"{m.Text}/{m.Mode}/{m.Fuzzy}"))}]\n"
                + $"detailed: {Show(detailed.AsSpan().ToArray(), text)}\nscanned: {Show(buffer.AsSpan().ToArray(), text)}");
        }
        return buffer.AsSpan().ToArray();
    }

    private static string Show(MarkHit[] hits, string text) =>
        string.Join(" ", hits.Select(h => $"[{h.MarkIndex} {h.Edits} '{text.Substring(h.Start, h.Length)}'@{h.Start}]"));

    private static MarkDefinition[] RandomMarks(Random random)
    {
        int count = random.Next(2, 7);
        var marks = new MarkDefinition[count];
        for (int m = 0; m < count; m++)
        {
            string text = RandomName(random, random.Next(6, 11));
            if (random.Next(5) == 0)
            {
                text = text[..3] + " " + text[3..];   // two words
            }
            if (random.Next(4) == 0)
            {
                text += "s";   // a plural
            }
            bool fuzzy = m == 0 || random.Next(5) != 0;   // the first always, so every round has anchors to verify
            marks[m] = new MarkDefinition($"m{m}", text, random.Next(3) == 0 ? MarkMode.Word : MarkMode.Anywhere, fuzzy, []);
        }
        return marks;
    }

    private static string RandomName(Random random, int length)
    {
        var name = new StringBuilder();
        while (name.Length < length)
        {
            switch (random.Next(16))
            {
                case 0: name.Append(random.Next(3) == 0 ? "rn" : "r"); break;
                case 1: name.Append(random.Next(3) == 0 ? "vv" : "v"); break;
                case 2: name.Append(random.Next(3) == 0 ? "cl" : "c"); break;
                case 3: name.Append("ll"); break;
                default: name.Append(Letters[random.Next(Letters.Length)]); break;
            }
        }
        return name.ToString(0, length);
    }

    /// <summary>Context, and marks written with a letter typo or not, their pairs joined or spelled out,
    /// letters repeated or parted by separators and ignored characters, in any case.</summary>
    private static string RandomText(Random random, MarkDefinition[] marks, bool long_)
    {
        var text = new StringBuilder();
        int pieces = long_ ? random.Next(40, 120) : random.Next(1, 6);
        for (int p = 0; p < pieces; p++)
        {
            if (random.Next(3) == 0)
            {
                text.Append(s_context[random.Next(s_context.Length)]);
                continue;
            }
            string letters = marks[random.Next(marks.Length)].Text.ToLowerInvariant();
            letters = random.Next(4) switch
            {
                0 => letters,
                _ => Typo(random, letters),
            };
            Render(random, letters, text);
            if (random.Next(3) == 0)
            {
                text.Append(FuzzyVerifierSuffix(random));
            }
            text.Append(random.Next(3) == 0 ? "" : " ");
        }
        return text.ToString();
    }

    private static string FuzzyVerifierSuffix(Random random) => new[] { "s", "es", "ing", "ed", "er", "ers", "x", "!" }[random.Next(8)];

    private static string Typo(Random random, string word)
    {
        int i = random.Next(word.Length);
        char c = (Letters + "0123456789rnvcl")[random.Next(41)];
        return random.Next(4) switch
        {
            0 => word.Remove(i, 1),
            1 => word[..i] + c + word[(i + 1)..],
            2 => word.Insert(random.Next(word.Length + 1), c.ToString()),
            _ => i + 1 < word.Length ? word[..i] + word[i + 1] + word[i] + word[(i + 2)..] : word,
        };
    }

    private static void Render(Random random, string letters, StringBuilder text)
    {
        for (int i = 0; i < letters.Length; i++)
        {
            char c = letters[i];
            if (i + 1 < letters.Length && random.Next(4) == 0)
            {
                string pair = letters.Substring(i, 2);
                string? joined = pair switch { "rn" => "m", "vv" => "w", "cl" => "d", _ => null };
                if (joined is not null)
                {
                    text.Append(joined);
                    i++;
                    continue;
                }
            }
            text.Append(random.Next(6) == 0 ? char.ToUpperInvariant(c) : c);
            switch (random.Next(14))
            {
                case 0: text.Append(' '); break;
                case 1: text.Append('.'); break;
                case 2: text.Append('\u200B'); break;
                case 3: text.Append(c); break;
                default: break;
            }
        }
    }
}
