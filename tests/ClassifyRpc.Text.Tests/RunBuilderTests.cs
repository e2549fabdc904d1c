using System.Text;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The detailed pass's run builder given the fast pass's state at its candidate (the runs before it
/// built without stepping the DFA) must build exactly what it builds stepping the DFA from the root:
/// the same runs, word starts and ends, and the same (run, state) pairs where the DFA enters a state
/// with output.
/// </summary>
public sealed class RunBuilderTests
{
    // Registry words and their look-alikes, pair letters (r n v c l) and their look-alikes, trailing
    // punctuation, separators, ignored characters, surrogate pairs and expansions. "Lumie" before an r
    // ends a spelling (the suffix er) with a letter the builder reads through the token reader, which
    // reads on past it: the known state then cannot be taken as it is.
    private static readonly string[] s_pieces =
    [
        "squish", "mallow", "s", "snug", "gle", "womp", "lumi", "pals", "Squishmallows", "Snugglewomp", "Womp Pals",
        "Lumie", "Lumie", "Lumie",
        "r", "n", "v", "c", "l", "R", "N", "V", "C", "L", "m", "w", "d", "u", "i", "o", "e", "a", "p", "g", "k",
        "\u0440", "\u057C", "\uFF52", "\uFF4E", "\u0456", "\u043E", "\u0405", "\u0441", "\u00EC", "\u0161", "\uFF01",
        "\u200B", "\u00AD", "\u0301", "\u2060", "\uFEFF", "r\u200Dn", "c\u00ADl", "\u2B50", "\uDC00",
        " ", " ", ".", "-", "\u2122", "!", "|", "$", "@", "1", "0", "5",
        "\U0001D42B", "\U0001D427", "\U0001D42C", "\U0001D42A", "\U0001D41A", "\U0001D7CE", "\U0001F600", "\uD800", "\uFB01", "\u2167",
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AKnownStateBuildsWhatTheRootBuilds(int seed)
    {
        Dfa dfa = RegistryDfa();
        var random = new Random(seed);
        int compared = 0;
        for (int n = 0; n < 4000; n++)
        {
            string s = RandomText.Of(random, s_pieces, 13);

            (SymbolRun[] runs, int[] accepts) = Build(dfa, s, 0, 0);
            for (int k = 0; k < accepts.Length; k += 2)
            {
                // What the fast pass knows at a candidate it read one token at a time (a code unit of
                // several tokens that may pass a state with output is never passed on): the state
                // entered there, and where the token that entered it ends. The later accepts must all be
                // found; earlier ones (a previous region's) only where the DFA had to catch up over the
                // runs, and then all of them.
                int j = accepts[k];
                if (!IsLoneToken(runs, j))
                {
                    continue;
                }
                int knownEnd = runs[j].FirstEnd;
                (SymbolRun[] knownRuns, int[] knownAccepts) = Build(dfa, s, knownEnd, accepts[k + 1]);
                Assert.Equal(Describe(runs), Describe(knownRuns));
                Assert.True(
                    knownAccepts.AsSpan().SequenceEqual(accepts.AsSpan(k)) || knownAccepts.AsSpan().SequenceEqual(accepts),
                    $"\"{s}\" known at {knownEnd}: [{string.Join(", ", knownAccepts)}], from the root: [{string.Join(", ", accepts)}]");
                compared++;
            }
        }
        Assert.True(compared > 500, $"only {compared} states with output were reached");
    }

    /// <summary>Whether the token that began run <paramref name="j"/> shares no code unit with another token.</summary>
    private static bool IsLoneToken(SymbolRun[] runs, int j) =>
        (j == 0 || runs[j - 1].LastEnd <= runs[j].FirstStart) && (j + 1 == runs.Length || runs[j + 1].FirstStart >= runs[j].FirstEnd);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheTableReadsWhatTheTokenReaderReads(int seed)
    {
        // Build reads most code units from one table byte each (ASCII and BMP look-alikes alike) and
        // only the rest through the token reader: the same runs, word starts and ends, segments and
        // accepts as a reading of everything through the reader.
        Dfa dfa = RegistryDfa();
        var random = new Random(seed);
        for (int n = 0; n < 4000; n++)
        {
            string s = RandomText.Of(random, s_pieces, 13);

            (SymbolRun[] runs, int[] accepts) = Build(dfa, s, 0, 0);
            var reader = new RunBuilder(new SymbolRun[2], dfa.Transitions, dfa.AcceptThreshold, new int[256]);
            try
            {
                reader.BuildThroughReader(s);
                Assert.Equal(Describe(reader.Runs.ToArray()), Describe(runs));
                Assert.Equal(reader.Accepts.ToArray(), accepts);
            }
            finally
            {
                reader.Dispose();
            }
        }
    }

    private static Dfa RegistryDfa()
    {
        var compiler = new PatternCompiler(MarkLimits.Default, FuzzyMode.Expanded);
        for (int m = 0; m < MarkFixture.RegistryMarks.Length; m++)
        {
            compiler.Add(m, MarkFixture.RegistryMarks[m]);
        }
        return DfaBuilder.Build(compiler.Spellings);
    }

    private static (SymbolRun[] Runs, int[] Accepts) Build(Dfa dfa, string text, int knownEnd, int knownState)
    {
        var builder = new RunBuilder(new SymbolRun[2], dfa.Transitions, dfa.AcceptThreshold, new int[256]);
        try
        {
            builder.Build(text, knownEnd, knownState);
            Assert.True(builder.AcceptsComplete);
            return (builder.Runs.ToArray(), builder.Accepts.ToArray());
        }
        finally
        {
            builder.Dispose();
        }
    }

    private static string[] Describe(SymbolRun[] runs) =>
        Array.ConvertAll(runs, r =>
            $"{r.Symbol} {r.InFirstSegment} {r.FirstStart} {r.FirstEnd} {r.FirstSegmentEnd} {r.LastSegmentStart} {r.LastEnd} {r.WordStart} {r.WordEnd}");
}
