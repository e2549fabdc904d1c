using System.Text;
using ClassifyRpc.Tests;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The dense loop's two readings at once (a long stretch read as two halves, the second from the DFA's
/// root until the first catches up with it) must return exactly what one reading returns; and the state
/// a scan catches up to when it turns from the anchor filter to the dense loop mid-text must be the one
/// a reading of the whole text has there.
/// </summary>
public sealed class DenseReadingTests
{
    private static readonly MarkDefinition[] s_marks =
    [
        new("mud", "Mud", MarkMode.Anywhere, false, []),
        new("wood", "Wood", MarkMode.Anywhere, false, []),
        new("lumi", "Lumi", MarkMode.Word, false, []),
        new("curve", "Curve", MarkMode.Anywhere, false, []),
        new("snugglewomp", "Snugglewomp", MarkMode.Anywhere, true, []),
        new("womp-pals", "Womp Pals", MarkMode.Word, false, []),
    ];

    // Words of the marks and near misses, pair letters (r n v c l, which the loop mends), look-alikes
    // and code units only the token reader reads (where the loop stops), separators.
    private static readonly string[] s_pieces =
    [
        "soft", "plush", "toy", "Mud", "Wood", "Lumi", "Curve", "Snugglewomp", "Snugglewamp", "Snuggle", "womp", "Womp Pals",
        "S.n.u.g.g.l.e.w.o.m.p", "vvood", "rnud", "cl", "rn", "vv", "r", "v", "c", "n", "l", "illuminated", "Curv",
        "\u0441urve", "\uFF52n", "\u200B", "\uFB01", "\U0001F600", " ", " ", " ", "-", ".", "!",
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TwoHalvesReturnWhatOneReadingDoes(int seed)
    {
        MarkAutomaton automaton = MarkAutomaton.Build(s_marks, ScanStrategy.Dense);
        var random = new Random(seed);
        for (int n = 0; n < 1500; n++)
        {
            // Sparse or dense in marks: mostly plain filler, so that many readings run to the end.
            int density = random.Next(1, 12);
            var text = new StringBuilder();
            int length = random.Next(256, 1600);
            while (text.Length < length)
            {
                text.Append(random.Next(density) == 0 ? s_pieces[random.Next(s_pieces.Length)] : "soft plush toy");
                text.Append(' ');
            }
            string s = text.ToString();
            // From the start, or after a separator mid-text in the state a whole reading has there.
            int start = 0;
            if (random.Next(2) == 0)
            {
                start = s.IndexOf(' ', random.Next(s.Length / 4)) + 1;
            }
            int state = automaton.StateAt(s, start, caughtUp: false);
            Assert.Equal(automaton.DenseReading(s, start, state, halves: false), automaton.DenseReading(s, start, state, halves: true));
        }
    }

    [Theory]
    [InlineData(300)]
    [InlineData(511)]
    [InlineData(777)]
    public void AMatchAcrossTheMiddleOrAStretchsEndIsFound(int length)
    {
        // The second half is read from the root: a match that began in the first half is found only if
        // the first half's reading carries on past the split until both agree. Every place near the
        // middle and near each 256-code-unit stretch's end, with pair letters pushing the split on.
        MarkAutomaton automaton = MarkAutomaton.Build(s_marks, ScanStrategy.Dense);
        string filler = string.Concat(Enumerable.Repeat("soft curvy rnc plush ", length / 20 + 2))[..length];
        var places = new List<int>();
        for (int middle = length / 2; middle < length; middle += 256)
        {
            places.AddRange(Enumerable.Range(middle - 24, 48));
        }
        places.AddRange(Enumerable.Range(232, 48));
        foreach (int place in places.Where(p => p > 0 && p < length))
        {
            string s = filler[..place] + "Snugglewomp" + filler[place..];
            Assert.Equal(automaton.DenseReading(s, 0, 0, halves: false), automaton.DenseReading(s, 0, 0, halves: true));
            (MarkHit[] scanned, MarkHit[] detailed) = BothPasses.Of(automaton, s);
            Assert.Contains(detailed, hit => hit.Start <= place + 1 && hit.Start + hit.Length >= place + 10);
            Assert.Equal(detailed, scanned);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CatchingUpGivesTheStateOfTheWholeReading(int seed)
    {
        var automatons = new[] { MarkAutomaton.Build(s_marks, ScanStrategy.Dense), MarkFixture.ExpandedRegistry.Value, MarkFixture.Verified(MarkFixture.RegistryMarks, ScanStrategy.Anchored) };
        var random = new Random(seed);
        for (int n = 0; n < 200; n++)
        {
            // Marks spelled out over many words: deep in a spelling at many separators.
            string s = RandomText.Of(random, [.. s_pieces, "S.q.u.i.s.h.m.a.l.l.o.w.i.n.g", "s q u i s h m a l l o w s", "S-n-u-g-g-l-e-w-o-m-p"], 60);
            foreach (MarkAutomaton automaton in automatons)
            {
                for (int p = s.IndexOfAny([' ', '.', '-']); p >= 0; p = s.IndexOfAny([' ', '.', '-'], p + 1))
                {
                    Assert.Equal(automaton.StateAt(s, p + 1, caughtUp: false), automaton.StateAt(s, p + 1, caughtUp: true));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ATextThatTurnsToTheDenseLoopAndBackReportsWhatTheDetailedPassDoes(int seed)
    {
        // The expanded registry's automaton filters long texts; where regions come close together it reads
        // on dense (from the caught-up state), and filtered again once they thin out. Stretches of each; and
        // the same with the registry as it is compiled (fuzzy anchors verified), forced behind the filter.
        foreach (MarkAutomaton automaton in new[] { MarkFixture.ExpandedRegistry.Value, MarkFixture.Verified(MarkFixture.RegistryMarks, ScanStrategy.Anchored) })
        {
            Assert.NotNull(automaton.Anchors);
            TurnsToTheDenseLoopAndBack(automaton, seed);
        }
    }

    private static void TurnsToTheDenseLoopAndBack(MarkAutomaton automaton, int seed)
    {
        string[] marks = ["Squishmallows", "Squishmalows", "Snugglewomp", "Lumi!", "Womp Pals", "S.q.u.i.s.h.m.a.l.l.o.w", "squish mallow"];
        var random = new Random(seed);
        var text = new StringBuilder();
        for (int stretch = 0; stretch < 6; stretch++)
        {
            bool dense = stretch % 2 == 0;
            int words = random.Next(200, 900);
            for (int w = 0; w < words; w++)
            {
                text.Append(random.Next(dense ? 4 : 400) == 0 ? marks[random.Next(marks.Length)] : s_pieces[random.Next(s_pieces.Length)]);
                text.Append(random.Next(4) == 0 ? "" : " ");
            }
        }
        string s = text.ToString();
        (MarkHit[] scanned, MarkHit[] detailed) = BothPasses.Of(automaton, s);
        Assert.True(detailed.Length > 20);
        Assert.Equal(detailed, scanned);
    }
}
