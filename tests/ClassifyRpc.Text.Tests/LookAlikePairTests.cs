namespace ClassifyRpc.Text.Tests;

/// <summary>
/// Marks holding a multi-letter look-alike pair (rn, vv, cl; DESIGN step 4 as refined): a listing folds a
/// pair only where its letters stand side by side in one word, so every reading of a mark's pairs is a
/// spelling of the mark, and a typo is an edit of its letters, before pairs and classes.
/// </summary>
public sealed class LookAlikePairTests
{
    /// <summary>The hits of both ways of compiling fuzzy marks, which must agree.</summary>
    private static List<(string Mark, string Text, int Edits, MarkHit Hit)> Scan(string text, params MarkDefinition[] marks)
    {
        var expanded = MarkFixture.Scan(MarkFixture.Expanded(marks), marks, text);
        var verified = MarkFixture.Scan(MarkFixture.Verified(marks), marks, text);
        Assert.Equal(expanded.Select(h => h.Hit), verified.Select(h => h.Hit));
        return verified;
    }

    public static TheoryData<string, string, bool> Spellings() => new()
    {
        // Spelled out: the listing keeps the pair's letters apart, the mark folds them.
        { "Fernbun", "F e r n b u n", true },
        { "Fernbun", "F.e.r.n.b.u.n", true },
        { "Fernbun", "F-e-r-n-b-u-n", true },
        { "Fernbun", "Fern bun", true },
        { "Clovvy", "C L O V V Y", true },
        { "Clovvy", "C.\u2B50l.o\u2764\uFE0F.v\U0001F381.v.\U0001F338y", true },
        { "Cornelia", "\U0001D402 \U0001D40E \U0001D411 \U0001D40D \U0001D404 \U0001D40B \U0001D408 \U0001D400", true },
        // Letters repeated beside a pair.
        { "Clovvy", "CCClovvvy", true },
        { "Clovvy", "Clllovvy", true },
        // A pair written with a class look-alike: c1 is no pair, so the listing reads c, i.
        { "Clovvy", "C1ovvy", true },
        // The pair folded in the listing, as before.
        { "Fernbun", "Fembun", true },
        { "Clovvy", "Dowy", true },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void EveryReadingOfAPairIsAnExactSpelling(string mark, string text, bool _)
    {
        foreach (MarkMode mode in new[] { MarkMode.Anywhere, MarkMode.Word })
        {
            foreach (bool fuzzy in new[] { false, true })
            {
                var hit = Assert.Single(Scan(text, new MarkDefinition("m", mark, mode, fuzzy, [])));
                Assert.Equal(0, hit.Edits);
                // The span covers the whole spelled-out run.
                Assert.Equal(text, hit.Text);
            }
        }
    }

    [Theory]
    [InlineData("Fernbun", "Frenbun")]   // swap across the pair: one edit of the letters, more of "fembun"
    [InlineData("Fernbun", "Fefnbun")]   // the pair broken by a substitution
    [InlineData("Fernbun", "Fernbrn")]   // a pair made by a substitution
    [InlineData("Fernbun", "ferinbun")]  // a letter inserted inside the pair
    [InlineData("Clovvy", "Clvvy")]
    [InlineData("Clovvy", "Covvy")]
    [InlineData("Clovvy", "colvvy")]
    [InlineData("Clovvy", "clovny")]
    [InlineData("Clovvy", "c l o v n y")]
    public void ATypoOnEitherSideOfAPairOrMakingOneIsFuzzy(string mark, string text)
    {
        foreach (MarkMode mode in new[] { MarkMode.Anywhere, MarkMode.Word })
        {
            var hit = Assert.Single(Scan(text, new MarkDefinition("m", mark, mode, true, [])));
            Assert.Equal(1, hit.Edits);
            Assert.Equal(text, hit.Text);
            Assert.Empty(Scan(text, new MarkDefinition("m", mark, mode, false, [])));
        }
    }

    [Theory]
    [InlineData("Clovvy", "clovy")]        // a dropped repeated letter: "vv" read a b, collapsed, is "v"
    [InlineData("Cornelia", "Cormelia")]   // "rn" read a X is "r m"
    [InlineData("Cornelia", "Corrnelia")]  // and "rrn" folds to "r m" in the listing
    public void ATypoThatIsAReadingIsExact(string mark, string text)
    {
        var hit = Assert.Single(Scan(text, new MarkDefinition("m", mark, MarkMode.Word, true, [])));
        Assert.Equal(0, hit.Edits);
        Assert.Single(Scan(text, new MarkDefinition("m", mark, MarkMode.Word, false, [])));
    }

    [Fact]
    public void ASeparatorPartsAPairInAListing()
    {
        // "Fur nice" is f u r, n i c e: no m, so not "fumice"; written as one word it folds.
        MarkDefinition fumice = MarkFixture.Anywhere("Fumice");
        Assert.Empty(Scan("Fur nice", fumice));
        Assert.Single(Scan("Furnice", fumice));
        Assert.Single(Scan("Fur\u200Bnice", fumice));   // an ignored character does not part it
    }

    [Fact]
    public void AMarkHoldingTwoPairsIsFoundWithEachReadEitherWay()
    {
        MarkDefinition clovvy = MarkFixture.Anywhere("Clovvy");
        foreach (string text in new[] { "dowy", "ciowy", "ciovy", "dovvy", "cdowy", "diowy", "cdiowvy", "c l o v v y" })
        {
            var hit = Assert.Single(Scan($"a {text} b", clovvy));
            Assert.Equal(text, hit.Text);
        }
    }

    [Fact]
    public void AMarkWithMoreReadingsThanTheLimitIsRefusedByName()
    {
        // Four pairs: 5^4 = 625 readings, over the default 125.
        var ex = Assert.Throws<MarkDefinitionException>(() => MarkAutomaton.Build([MarkFixture.Anywhere("Rnclvvrnx")]));
        Assert.Contains("look-alike pairs", ex.Reason);
        Assert.Contains("125", ex.Reason);
        // Three are within it, and a higher limit admits four.
        MarkAutomaton.Build([MarkFixture.Anywhere("Rnclvvx")]);
        MarkAutomaton.Build([MarkFixture.Anywhere("Rnclvvrnx")], new MarkLimits { MaxReadings = 625 });
    }
}
