namespace ClassifyRpc.Text.Tests;

/// <summary>Each step of the design's normalization, through <see cref="TextNormalizer.Normalize"/>.</summary>
public sealed class NormalizationTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("Lumi", "iumi")]
    [InlineData("LUMI", "iumi")]
    [InlineData("Snugglewomp", "snugiewomp")]
    [InlineData("Squishmallows", "squishmaiows")]
    public void PlainText(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("\uFF33\uFF4E\uFF55\uFF47", "snug")]                  // fullwidth
    [InlineData("\U0001D412\U0001D42A\U0001D42E\U0001D422\U0001D42C\U0001D421", "squish")] // math bold (surrogate pairs)
    [InlineData("\U0001D54A\U0001D56B\U0001D566", "szu")]             // double-struck S, z, u
    [InlineData("\u24C8\u24DD\u24E4\u24D6", "snug")]                  // circled letters
    [InlineData("\uFB01sh", "fish")]                                  // fi ligature
    [InlineData("\u2167", "vi")]                                       // roman numeral eight
    [InlineData("x\u00B2", "x2")]                                     // superscript two
    public void Step1CompatibilityFolding(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("Squ\u00EFshm\u00E1ll\u00F6ws", "squishmaiows")]     // precomposed diacritics
    [InlineData("Lu\u0301mi\u0308", "iumi")]                           // combining marks
    [InlineData("L\u0327\u0301\u0323umi", "iumi")]                     // stacked combining marks
    [InlineData("Lu\u200Bmi", "iumi")]                                 // zero-width space
    [InlineData("Lu\u200Dm\u200Ci", "iumi")]                           // zero-width joiner, non-joiner
    [InlineData("Lu\u00ADmi", "iumi")]                                 // soft hyphen
    [InlineData("Lu\u2060mi", "iumi")]                                 // word joiner
    [InlineData("\uFEFFLumi", "iumi")]                                 // BOM
    [InlineData("Lu\uFE0Fmi\uFE0E", "iumi")]                           // variation selectors
    [InlineData("Lu\U000E0100mi", "iumi")]                             // supplementary variation selector
    public void Step2DiacriticsAndFormatCharactersAreIgnored(string text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("\u0405\u051B\u057D\u0456\u0455\u04BB", "squish")]   // Cyrillic/Armenian look-alikes
    [InlineData("\u041A", "k")]                                        // Cyrillic Ka
    [InlineData("\u039C", "m")]                                        // Greek Mu, case-sensitive first
    [InlineData("\u03BA", "k")]                                        // Greek kappa, added to TR39
    [InlineData("W\u03BFmp", "womp")]                                  // Greek omicron
    [InlineData("\u0406umi", "iumi")]                                  // Cyrillic I looks like l
    [InlineData("Lumi\u2122", "iumi")]                                 // trade mark sign is a separator
    [InlineData("Lumi\u2122Pals", "iumi pais")]
    [InlineData("Lumi\u00AEPals\u00A9x\u2120y", "iumi pais x y")]
    [InlineData("\u4E2D\u6587", "")]                                   // no look-alike: separators
    public void Step3LookAlikesAndCase(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("Lurni", "iumi")]
    [InlineData("LURNI", "iumi")]
    [InlineData("Snugglevvomp", "snugiewomp")]
    [InlineData("clog", "dog")]
    [InlineData("CLog", "dog")]
    [InlineData("Lur\u200Bni", "iumi")]           // across an ignored character
    [InlineData("Lur ni", "iur ni")]              // not across a separator
    [InlineData("vvv", "wv")]                     // left to right
    [InlineData("rnn", "mn")]
    [InlineData("c1og", "ciog")]                  // step 4 comes before the classes: c1 is not cl
    [InlineData("\u0441l", "d")]                  // Cyrillic es, then l
    public void Step4MultiLetterLookAlikes(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("il1|!", "i")]
    [InlineData("o0", "o")]
    [InlineData("s5$", "s")]
    [InlineData("a4@", "a")]
    [InlineData("e3", "e")]
    [InlineData("t7", "t")]
    [InlineData("g9", "g")]
    [InlineData("b8", "b")]
    [InlineData("2", "2")]
    [InlineData("6", "6")]
    [InlineData("5qu1$hm4||0w$", "squishmaiows")]
    public void Step5Classes(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("S.n.u.g.g.l.e", "s n u g i e")]   // collapse across separators
    [InlineData("Snuuuggggle", "snugie")]
    [InlineData("snug gle", "snug ie")]
    [InlineData("Womp  -- Pals", "womp ais")]      // the p run crosses the boundary
    [InlineData("a a a", "a")]
    [InlineData("Lu\u200Bu\u200Cmi", "iumi")]      // across ignored characters
    [InlineData("  ,.;:-_/\\()[]{}\"'\u2122\u00AE\u00A9\t\n", "")] // nothing but separators
    [InlineData("\U0001F600", "")]                 // emoji: a separator
    [InlineData("Lumi\U0001F600Pals", "iumi pais")]
    public void Step6SeparatorsAndRepeats(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("Lu\uD800mi", "iu mi")]            // lone high surrogate
    [InlineData("Lu\uDC00mi", "iu mi")]            // lone low surrogate
    [InlineData("Lumi\uD83D", "iumi")]             // high surrogate at the end
    [InlineData("\uDE00Lumi", "iumi")]             // low surrogate at the start
    public void LoneSurrogatesAreSeparators(string text, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Fact]
    public void LongTextNormalizesInOnePass()
    {
        string text = string.Concat(Enumerable.Repeat("Kawaii plush 40cm ", 6000));
        Assert.True(text.Length > 100_000);
        string normalized = TextNormalizer.Normalize(text);
        // "kawaii" -> "kawai", "plush" -> "piush", "40cm" -> "aocm"; consecutive copies do not share a run.
        Assert.Equal(string.Join(" ", Enumerable.Repeat("kawai piush aocm", 6000)), normalized);
    }
}
