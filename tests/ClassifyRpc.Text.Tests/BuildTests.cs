using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>Compiling marks: counts, and the marks that cannot compile.</summary>
public sealed class BuildTests
{
    [Fact]
    public void FuzzyMarksCompileAsAnchorsOnceTheirTyposAreMoreThanTheLimit()
    {
        // The registry's two fuzzy marks have about 2,000 one-typo spellings: within the default limit, so
        // they are compiled into the DFA, the fastest scan.
        MarkAutomaton registry = MarkFixture.Registry.Value;
        Assert.Equal(4, registry.MarkCount);
        Assert.Equal(FuzzyMode.Expanded, registry.FuzzyCompiledAs);
        Assert.InRange(registry.PatternCount, 1500, 2500);
        Assert.Equal(0, registry.FuzzyAnchorCount);
        // Past the limit, as a prefix and a suffix anchor per form and the swap across its split: a few
        // dozen spellings, a tenth of the states.
        MarkAutomaton verified = MarkAutomaton.Build(MarkFixture.RegistryMarks, new MarkLimits { MaxExpandedTypos = 1000 });
        Assert.Equal(FuzzyMode.Verified, verified.FuzzyCompiledAs);
        Assert.InRange(verified.FuzzyAnchorCount, 2, 12);
        Assert.InRange(verified.PatternCount, 10, 80);
        Assert.True(verified.StateCount * 10 < registry.StateCount);
        Assert.True(verified.MemoryBytes > 0);
    }

    [Fact]
    public void SpellingsAreDistinct()
    {
        // "Squish Mallow" and the plural stem of "Squishmallows" are one spelling.
        var automaton = MarkAutomaton.Build([new MarkDefinition("s", "Squishmallows", MarkMode.Anywhere, false, ["Squish Mallow"])]);
        Assert.Equal(2, automaton.PatternCount);   // squishmaiow, squishmaiows
    }

    [Fact]
    public void ATypoHoldingAnOwnFormIsAnExactHitInAnywhereMode()
    {
        // The insertions at either end of "garden" hold it whole: in anywhere mode that form matches
        // wherever they do, and a fuzzy hit over an exact one of its mark is dropped. Word mode keeps
        // them: there "xgarden" is a word that "garden" does not cover.
        MarkDefinition[] anywhere = [MarkFixture.Anywhere("Garden", fuzzy: true)];
        MarkDefinition[] word = [MarkFixture.Word("Garden", fuzzy: true)];
        foreach (var build in new Func<MarkDefinition[], MarkAutomaton>[] { m => MarkFixture.Verified(m), m => MarkFixture.Expanded(m) })
        {
            var wordHit = Assert.Single(MarkFixture.Scan(build(word), word, "an agarden here"));
            Assert.Equal((1, "agarden"), (wordHit.Edits, wordHit.Text));
            MarkAutomaton automaton = build(anywhere);
            foreach (string text in new[] { "xgarden", "gardenx", "agarden", "gardenz", "the gardens" })
            {
                var hit = Assert.Single(MarkFixture.Scan(automaton, anywhere, text));
                Assert.Equal(0, hit.Edits);
                Assert.Equal("garden", hit.Text);
            }
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
