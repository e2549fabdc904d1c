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
        // around 1,750 distinct spellings in all (one-edit spellings of stem and plural overlap).
        Assert.InRange(automaton.PatternCount, 1500, 1900);
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
