namespace ClassifyRpc.Text.Tests;

/// <summary>Anywhere mode, plural stems, variants, fuzzy spellings, offsets, merging and ordering.</summary>
public sealed class MatchingTests
{
    private static readonly MarkDefinition[] s_marks = MarkFixture.RegistryMarks;

    private static List<(string Mark, string Text, int Edits, MarkHit Hit)> Scan(string text) =>
        MarkFixture.Scan(MarkFixture.Registry.Value, s_marks, text);

    [Theory]
    [InlineData("Squishmallows", "Squishmallows")]
    [InlineData("BigSquishmallowsToy", "Squishmallows")]
    [InlineData("Squishmallow plush", "Squishmallow")]                 // plural stem
    [InlineData("Squishmallowing", "Squishmallowing")]                 // variant
    [InlineData("Squish Mallow", "Squish Mallow")]                     // variant
    [InlineData("S.q.u.i.s.h.m.a.l.l.o.w.s!", "S.q.u.i.s.h.m.a.l.l.o.w.s")]
    [InlineData("Bliss Squishmallows", "Squishmallows")]               // first run crosses a boundary
    [InlineData("Squishmallow wonder", "Squishmallow")]                // last run crosses a boundary
    [InlineData("5qu1$hm4||0w$", "5qu1$hm4||0w$")]
    [InlineData("\u0405\u051B\u057D\u0456\u0455\u04BBmallows", "\u0405\u051B\u057D\u0456\u0455\u04BBmallows")]
    [InlineData("\uFF33\uFF51\uFF55\uFF49\uFF53\uFF48\uFF4D\uFF41\uFF4C\uFF4C\uFF4F\uFF57", "\uFF33\uFF51\uFF55\uFF49\uFF53\uFF48\uFF4D\uFF41\uFF4C\uFF4C\uFF4F\uFF57")]
    [InlineData("new \U0001D412\U0001D42A\U0001D42E\U0001D422\U0001D42C\U0001D421\U0001D426\U0001D41A\U0001D425\U0001D425\U0001D428\U0001D430 toy",
                "\U0001D412\U0001D42A\U0001D42E\U0001D422\U0001D42C\U0001D421\U0001D426\U0001D41A\U0001D425\U0001D425\U0001D428\U0001D430")]
    [InlineData("Squ\u200Bishma\u0301llows\u2122", "Squ\u200Bishma\u0301llows")]
    [InlineData("SNUGGLEWOMP", "SNUGGLEWOMP")]
    [InlineData("Snuuugggle vvomp", "Snuuugggle vvomp")]
    public void ExactAndNormalizedMatchesMapBackToTheOriginalText(string text, string expected)
    {
        var hit = Assert.Single(Scan(text));
        Assert.Equal(expected, hit.Text);
        Assert.Equal(0, hit.Edits);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), hit.Hit.Start);
    }

    [Theory]
    [InlineData("Snugglewhomp", "Snugglewhomp")]   // insert
    [InlineData("Snugglewmp", "Snugglewmp")]       // delete
    [InlineData("Snugglewamp", "Snugglewamp")]     // substitute
    [InlineData("Snugglewopm", "Snugglewopm")]     // swap two neighbours
    [InlineData("Snuglgewomp", "Snuglgewomp")]     // swap inside the repeated letters
    [InlineData("big Squishmalkows!", "Squishmalkows")]   // a typo'd plural: the whole word
    [InlineData("Squishmellows", "Squishmellows")]
    [InlineData("Squishmellow", "Squishmellow")]
    [InlineData("Squishmallos", "Squishmallos")]            // the plural with its w dropped
    public void FuzzyMarksMatchOneEditAway(string text, string expected)
    {
        var hit = Assert.Single(Scan(text));
        Assert.Equal(expected, hit.Text);
        Assert.Equal(1, hit.Edits);
    }

    [Theory]
    [InlineData("Snuglewomp")]                     // a dropped repeat normalizes to the exact spelling
    [InlineData("Snugggglewomp")]
    [InlineData("Snuggiewomp")]                    // l typed as i is the same symbol
    public void OneTypoThatNormalizesAwayIsExact(string text) => Assert.Equal(0, Assert.Single(Scan(text)).Edits);

    [Theory]
    [InlineData("Snugglewapm")]                    // substitute and swap
    [InlineData("Snugglwamp")]                     // delete and substitute
    [InlineData("Squishmalkiws")]                  // two substitutions
    public void TwoEditsDoNotMatch(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void FuzzyExpansionNeedsSixSymbols()
    {
        MarkDefinition[] marks = [MarkFixture.Anywhere("Garden", fuzzy: true), MarkFixture.Anywhere("Piano", fuzzy: true)];
        var automaton = MarkAutomaton.Build(marks);
        Assert.Equal(["garden"], MarkFixture.Scan(automaton, marks, "Gardon Piamo").Select(h => h.Mark));
        Assert.Equal(["piano"], MarkFixture.Scan(automaton, marks, "Piano").Select(h => h.Mark));

        // A five-symbol stem of a six-symbol plural is not expanded either.
        MarkDefinition[] plural = [MarkFixture.Anywhere("Pianos", fuzzy: true)];
        Assert.Empty(MarkFixture.Scan(MarkAutomaton.Build(plural), plural, "Piamos"));
    }

    [Fact]
    public void MarksWithoutFuzzyDoNotMatchTypos()
    {
        MarkDefinition[] marks = [MarkFixture.Anywhere("Garden")];
        Assert.Empty(MarkFixture.Scan(MarkAutomaton.Build(marks), marks, "Gardon"));
    }

    [Fact]
    public void FuzzyPluralEvidenceCoversTheWholeTypoedWord()
    {
        // The stem's one-edit spelling "squishmellow" and the plural's "squishmellows" both match:
        // one fuzzy hit over the whole word, trailing s included.
        const string text = "Cute Squishmellows plush";
        var hit = Assert.Single(Scan(text));
        Assert.Equal("squishmallows", hit.Mark);
        Assert.Equal(1, hit.Edits);
        Assert.Equal(5, hit.Hit.Start);
        Assert.Equal("Squishmellows".Length, hit.Hit.Length);
        Assert.Equal("Squishmellows", hit.Text);
    }

    [Fact]
    public void FuzzyHitOverlappingAnExactHitOfTheSameMarkIsDropped()
    {
        // "Snugglewomp" also contains one-edit spellings ("nugglewomp", "snugglewom" ...): only the exact hit stays.
        var hits = Scan("Snugglewomps");
        var hit = Assert.Single(hits);
        Assert.Equal(0, hit.Edits);
        Assert.Equal("Snugglewomp", hit.Text);
    }

    [Fact]
    public void AFuzzyHitUnderAnotherMarksExactHitStays()
    {
        // "Snugglewomp" is exact for one mark and one edit from the other: the automaton keeps only the
        // fuzzy spellings an exact one of their own mark shadows, so both marks are reported.
        MarkDefinition[] marks = [MarkFixture.Anywhere("Snugglewomp"), MarkFixture.Anywhere("Snugglewamp", fuzzy: true)];
        var automaton = MarkAutomaton.Build(marks);
        Assert.Equal(
            ["snugglewomp:Snugglewomp:0", "snugglewamp:Snugglewomp:1"],
            MarkFixture.Scan(automaton, marks, "Snugglewomp").Select(h => $"{h.Mark}:{h.Text}:{h.Edits}"));
    }

    [Fact]
    public void ExactAndSeparateFuzzyHitsAreBothReportedInOrder()
    {
        const string text = "Snugglewamp, not Snugglewomp, and Lumi Squishmallows";
        var hits = Scan(text);
        Assert.Equal(
            ["snugglewomp:Snugglewamp:1", "snugglewomp:Snugglewomp:0", "lumi:Lumi:0", "squishmallows:Squishmallows:0"],
            hits.Select(h => $"{h.Mark}:{h.Text}:{h.Edits}"));
        Assert.Equal(hits.Select(h => h.Hit.Start).Order(), hits.Select(h => h.Hit.Start));
    }

    [Fact]
    public void InterleavedExactAndFuzzyOccurrencesEachKeepTheirKind()
    {
        string text = string.Concat(Enumerable.Repeat("Snugglewomp, Snugglewamp; ", 40));
        var hits = Scan(text);
        Assert.Equal(80, hits.Count);
        Assert.Equal(Enumerable.Range(0, 80).Select(i => i % 2), hits.Select(h => h.Edits));
        Assert.All(hits, h => Assert.StartsWith("Snugglew", h.Text));
    }

    [Fact]
    public void OverlappingFormsOfOneMarkMergeIntoOneHit()
    {
        // The stem, the plural and the variant all match here: one hit covering their union.
        var hit = Assert.Single(Scan("Squishmallowings"));
        Assert.Equal("Squishmallowing", hit.Text);
    }

    [Fact]
    public void RepeatedOccurrencesEachProduceAHit()
    {
        const string text = "Squishmallows, squishmallows and SQUISHMALLOWS";
        Assert.Equal(["Squishmallows", "squishmallows", "SQUISHMALLOWS"], Scan(text).Select(h => h.Text));
    }

    [Fact]
    public void ScanAppendsToTheBufferAndKeepsWhatWasThere()
    {
        var buffer = new MarkHitBuffer(1);
        MarkFixture.Registry.Value.Scan("Lumi", buffer);
        MarkFixture.Registry.Value.Scan("a Snugglewomp", buffer);
        Assert.Equal([new MarkHit(1, 0, 4, 0), new MarkHit(2, 2, 11, 0)], buffer.AsSpan().ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ...!!! ---")]
    [InlineData("\uD800\uDC00\uD800")]
    [InlineData("\u4E2D\u6587\u5546\u54C1")]
    public void TextsWithoutMarksProduceNoHits(string text) => Assert.Empty(Scan(text));

    [Fact]
    public void LongTextIsScannedWithEveryOccurrence()
    {
        var builder = new System.Text.StringBuilder();
        int expected = 0;
        for (int i = 0; builder.Length < 100_000; i++)
        {
            builder.Append("Super soft plush toy, machine washable. ");
            if (i % 50 == 0)
            {
                builder.Append("Snugglewomp ");
                expected++;
            }
        }
        string text = builder.ToString();
        var hits = Scan(text);
        Assert.Equal(expected, hits.Count);
        Assert.All(hits, h => Assert.Equal("Snugglewomp", h.Text));
    }

    [Fact]
    public void SurrogatePairsKeepOffsetsInCodeUnits()
    {
        const string text = "\U0001F600 Lumi \U0001F600";
        var hit = Assert.Single(Scan(text));
        Assert.Equal(3, hit.Hit.Start);
        Assert.Equal(4, hit.Hit.Length);
    }
}
