namespace ClassifyRpc.Text.Tests;

/// <summary>Compiling marks: counts, and the marks that cannot compile.</summary>
public sealed class BuildTests
{
    [Fact]
    public void RegistryCompilesWithItsFuzzyExpansions()
    {
        MarkAutomaton automaton = MarkFixture.Registry.Value;
        Assert.Equal(4, automaton.MarkCount);
        // Two fuzzy marks of 11 and 12 stem symbols, the second with a 13-symbol plural expanded too:
        // about 1,580 distinct spellings in all (one-edit spellings of stem and plural overlap, and those
        // that hold one of the mark's own forms are not compiled).
        Assert.InRange(automaton.PatternCount, 1500, 1700);
        Assert.True(automaton.MemoryBytes > 0);
    }

    [Fact]
    public void SpellingsAreDistinct()
    {
        // "Squish Mallow" and the plural stem of "Squishmallows" are one spelling.
        var automaton = MarkAutomaton.Build([new MarkDefinition("s", "Squishmallows", MarkMode.Anywhere, false, ["Squish Mallow"])]);
        Assert.Equal(2, automaton.PatternCount);   // squishmaiow, squishmaiows
    }

    [Fact]
    public void OneEditSpellingsHoldingAnOwnFormAreNotCompiledInAnywhereMode()
    {
        // The insertions at either end of "garden" hold it whole: in anywhere mode that form matches
        // wherever they do, and a fuzzy hit over an exact one of its mark is dropped anyway. Word mode
        // keeps them: there "xgarden" is a word that "garden" does not cover.
        MarkDefinition[] anywhere = [MarkFixture.Anywhere("Garden", fuzzy: true)];
        var automaton = MarkAutomaton.Build(anywhere);
        Assert.Equal(["garden"], automaton.Spellings.Where(s => s.Contains("garden", StringComparison.Ordinal)));
        Assert.Contains("agarden", MarkAutomaton.Build([new MarkDefinition("garden", "Garden", MarkMode.Word, true, [])]).Spellings);
        foreach (string text in new[] { "xgarden", "gardenx", "agarden", "gardenz", "the gardens" })
        {
            var hit = Assert.Single(MarkFixture.Scan(automaton, anywhere, text));
            Assert.Equal(0, hit.Edits);
            Assert.Equal("garden", hit.Text);
        }
    }

    [Fact]
    public void NoMarksBuildsAnAutomatonThatFindsNothing()
    {
        var automaton = MarkAutomaton.Build([]);
        var buffer = new MarkHitBuffer();
        automaton.Scan("Squishmallows", buffer);
        Assert.Equal(0, buffer.Count);
        Assert.Equal(0, automaton.MarkCount);
    }

    [Theory]
    [InlineData("...")]
    [InlineData("")]
    [InlineData("\u2122\u00AE")]
    [InlineData("\u200B\u0301")]
    public void TextNormalizingToNothingIsRejected(string text)
    {
        var ex = Assert.Throws<MarkDefinitionException>(() => MarkAutomaton.Build(
            [MarkFixture.Anywhere("Lumi"), new MarkDefinition("bad", text, MarkMode.Word, false, [])]));
        Assert.Equal(1, ex.MarkIndex);
        Assert.Equal("bad", ex.MarkId);
        Assert.Contains("normalizes to nothing", ex.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("--")]
    public void EmptyVariantIsRejected(string variant)
    {
        var ex = Assert.Throws<MarkDefinitionException>(() => MarkAutomaton.Build(
            [new MarkDefinition("lumi", "Lumi", MarkMode.Word, false, ["Loomi", variant])]));
        Assert.Equal(0, ex.MarkIndex);
        Assert.Contains("variant", ex.Reason);
    }

    [Fact]
    public void MarkWithoutIdIsRejected()
    {
        var ex = Assert.Throws<MarkDefinitionException>(() => MarkAutomaton.Build([new MarkDefinition(" ", "Lumi", MarkMode.Word, false, [])]));
        Assert.Equal(0, ex.MarkIndex);
    }

    [Fact]
    public void UnknownModeIsRejected()
    {
        Assert.Throws<MarkDefinitionException>(() => MarkAutomaton.Build([new MarkDefinition("x", "Lumi", (MarkMode)7, false, [])]));
    }
}
