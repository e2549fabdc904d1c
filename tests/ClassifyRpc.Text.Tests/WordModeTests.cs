namespace ClassifyRpc.Text.Tests;

/// <summary>Word mode: whole words joined then collapsed, the suffixes, trailing punctuation.</summary>
public sealed class WordModeTests
{
    private static readonly MarkDefinition[] s_marks =
        [new("lumi", "Lumi", MarkMode.Word, false, []), new("womp-pals", "Womp Pals", MarkMode.Word, false, [])];
    private static readonly MarkAutomaton s_automaton = MarkAutomaton.Build(s_marks);

    private static List<string> Matches(string text) =>
        [.. MarkFixture.Scan(s_automaton, s_marks, text).Select(h => $"{h.Mark}:{h.Text}")];

    [Theory]
    [InlineData("Lumi", "Lumi")]
    [InlineData("LUMI", "LUMI")]
    [InlineData("L.u.m.i", "L.u.m.i")]
    [InlineData("Lumi's", "Lumi's")]
    [InlineData("Lumiing", "Lumiing")]
    [InlineData("Luming", "Luming")]
    [InlineData("Lumis", "Lumis")]
    [InlineData("Lumies", "Lumies")]
    [InlineData("Lumied", "Lumied")]
    [InlineData("Lumier", "Lumier")]
    [InlineData("Lumiers", "Lumiers")]
    [InlineData("Lu mi", "Lu mi")]                          // a run of whole words, joined
    [InlineData("(Lumi)", "Lumi")]
    [InlineData("new Lumi plush", "Lumi")]
    [InlineData("Lumi plush", "Lumi")]
    [InlineData("plush Lumi", "Lumi")]
    [InlineData("ii Lumi", "Lumi")]                         // first run crosses the boundary: start in the word
    [InlineData("Lumi ice", "Lumi")]                        // last run crosses the boundary: end in the word
    [InlineData("Lumi!", "Lumi")]                           // trailing ! read as punctuation
    [InlineData("Lumi!!|", "Lumi")]
    [InlineData("Lurni", "Lurni")]
    public void LumiMatchesAsAWholeWord(string text, string expected) => Assert.Equal(["lumi:" + expected], Matches(text));

    [Theory]
    [InlineData("illuminated")]
    [InlineData("Lumina")]
    [InlineData("xLumi")]
    [InlineData("Lumix")]
    [InlineData("Lumiest")]
    [InlineData("Lumi!x")]                                  // ! is not trailing here
    [InlineData("Lum")]
    [InlineData("")]
    public void LumiDoesNotMatchInsideWords(string text) => Assert.Empty(Matches(text));

    [Theory]
    [InlineData("Womp Pals", "Womp Pals")]
    [InlineData("Womp Pals!", "Womp Pals")]
    [InlineData("Womp Pals! now", "Womp Pals")]
    [InlineData("Womp Pal@", "Womp Pal")]                  // @ read as punctuation, the plural stem matches
    [InlineData("Womp Pal", "Womp Pal")]                   // plural stem
    [InlineData("WompPals", "WompPals")]
    [InlineData("W.o.m.p P.a.l.s", "W.o.m.p P.a.l.s")]
    [InlineData("Womp-Pals's", "Womp-Pals")]               // the s run ends the match at its first word end
    [InlineData("vvomp pals", "vvomp pals")]
    [InlineData("the Womp Pals.", "Womp Pals")]
    public void WompPalsMatchesAsWholeWords(string text, string expected) => Assert.Equal(["womp-pals:" + expected], Matches(text));

    [Theory]
    [InlineData("whomping willow")]
    [InlineData("Womp Palace")]
    [InlineData("Pen pals")]
    [InlineData("Wompy Pals")]
    [InlineData("Womp Palz")]
    public void WompPalsDoesNotMatchOtherWords(string text) => Assert.Empty(Matches(text));

    [Fact]
    public void EveryOccurrenceIsReportedInOrder()
    {
        const string text = "Lumi and Womp Pals and LUMI";
        var hits = MarkFixture.Scan(s_automaton, s_marks, text);
        Assert.Equal(["lumi:Lumi", "womp-pals:Womp Pals", "lumi:LUMI"], hits.Select(h => $"{h.Mark}:{h.Text}"));
        Assert.Equal([0, 9, 23], hits.Select(h => h.Hit.Start));
        Assert.All(hits, h => Assert.Equal(0, h.Edits));
    }

    [Fact]
    public void VariantsMatchAsWholeWordsWithSuffixes()
    {
        MarkDefinition[] marks = [MarkFixture.Word("Lumi", false, "Lu Mee")];
        var automaton = MarkAutomaton.Build(marks);
        Assert.Equal(["Lu Mee", "LuMees"], MarkFixture.Scan(automaton, marks, "a Lu Mee and LuMees").Select(h => h.Text));
        Assert.Empty(MarkFixture.Scan(automaton, marks, "LuMeet"));
    }

    [Fact]
    public void FuzzyWordMarksMatchOneEditAwayAsWholeWords()
    {
        MarkDefinition[] marks = [MarkFixture.Word("Garden", fuzzy: true)];
        var automaton = MarkAutomaton.Build(marks);
        var hits = MarkFixture.Scan(automaton, marks, "my Gardon shop");
        Assert.Equal(["Gardon"], hits.Select(h => h.Text));
        Assert.Equal(1, hits[0].Edits);
        Assert.Equal(["Gardons"], MarkFixture.Scan(automaton, marks, "Gardons").Select(h => h.Text));
        Assert.Empty(MarkFixture.Scan(automaton, marks, "xGardon"));
    }
}
