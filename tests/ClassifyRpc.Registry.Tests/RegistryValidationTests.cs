using ClassifyRpc.Registry;
using ClassifyRpc.Registry.Internal;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Registry.Tests;

/// <summary>
/// The validation rules of the registry folder, through the parse stage (no matching or hashing engine
/// involved): every error names its file, line and key, and all of them come out of one pass.
/// </summary>
public sealed class RegistryValidationTests
{
    /// <summary>A valid case; tests change one thing about it. Line numbers matter: see each test.</summary>
    private const string ValidCase = """
        id: acme-v-does
        title: Acme v. Does
        effective_from: 2024-01-01
        scope: any_seller
        channels:
          search: enforced
          listing: stayed
        marks:
          - id: acme
            text: Acme Widget
        """;

    private static ParsedRegistry Parse(TempRegistry registry) => RegistryLoader.Parse(registry.Folder);

    private static RegistryError Single(ParsedRegistry parsed)
    {
        Assert.True(parsed.Errors.Count == 1, "expected one error, got: " + string.Join(" | ", parsed.Errors));
        return parsed.Errors[0];
    }

    private static void AssertError(ParsedRegistry parsed, string file, int line, string key, string messagePart)
    {
        foreach (var error in parsed.Errors)
        {
            if (error.File == file && error.Line == line && error.Key == key && error.Message.Contains(messagePart, StringComparison.Ordinal))
            {
                return;
            }
        }
        Assert.Fail($"no error {file}:{line} {key} '{messagePart}' among: {string.Join(" | ", parsed.Errors)}");
    }

    [Fact]
    public void BundledRegistryParsesWithoutErrors()
    {
        var parsed = RegistryLoader.Parse(RepoPaths.DefaultRegistry);
        Assert.Empty(parsed.Errors);
        Assert.Equal(3, parsed.Cases.Count);
        Assert.Equal(4, parsed.UniqueMarks.Count);
        Assert.Equal(5, parsed.UniqueWorks.Count);

        var kelly = parsed.Cases.Single(c => c.Id == "kelly-toys-v-19885566-store");
        Assert.Equal("cases/kelly-toys-v-19885566-store.yaml", kelly.File);
        Assert.Equal(new DateOnly(2023, 7, 31), kelly.EffectiveFrom);
        Assert.Null(kelly.Expires);
        Assert.Equal(CaseScope.Defendants, kelly.Scope);
        Assert.Equal(ChannelState.Enforced, kelly.Channels[(int)PromotionChannel.Advertising]);
        Assert.Equal(ChannelState.Stayed, kelly.Channels[(int)PromotionChannel.Listing]);
        Assert.Equal(120, kelly.Defendants.Count);
        Assert.Contains("19885566", (IReadOnlySet<string>)kelly.Defendants);
        Assert.Equal(["kellytoys-official"], kelly.AuthorizedSellers);
        Assert.Equal(15, kelly.Notices.Count);
        Assert.Equal("notice-0001", kelly.Notices["L16843d2176000425"].Reference);
        Assert.Equal(new DateOnly(2023, 8, 1), kelly.Notices["L16843d2176000425"].Received);
        var squish = Assert.Single(kelly.Marks);
        Assert.Equal(["Squishmallowing", "Squish Mallow"], squish.Variants);
        Assert.True(squish.Fuzzy);

        var lumi = parsed.Cases.Single(c => c.Id == "lumi-labs-v-doe-sellers");
        Assert.Equal(new DateOnly(2099, 1, 1), lumi.Expires);
        Assert.Equal(ChannelState.Absent, lumi.Channels[(int)PromotionChannel.Search]);
        Assert.Equal(Text.MarkMode.Word, lumi.Marks[0].Mode);

        // Every file read is in the version: 3 cases, 2 defendants files, 1 notices file, 5 images.
        Assert.Equal(11, parsed.Files.Count);
        Assert.Contains("works/womp-bear.png", parsed.Files.Keys);
    }

    [Fact]
    public void ValidCaseParsesWithDefaults()
    {
        using var registry = new TempRegistry().Write("cases/acme.yaml", ValidCase);
        var parsed = Parse(registry);
        Assert.Empty(parsed.Errors);
        var draft = Assert.Single(parsed.Cases);
        Assert.Equal(Verdict.Review, draft.FuzzyVerdict);
        Assert.Equal(31, draft.BlockDistance);
        Assert.Equal(45, draft.ReviewDistance);
        Assert.Equal(ChannelState.Absent, draft.Channels[(int)PromotionChannel.Email]);
        Assert.Equal(Text.MarkMode.Anywhere, draft.Marks[0].Mode);
        Assert.False(draft.Marks[0].Fuzzy);
    }

    [Fact]
    public void UnknownKeysAreErrorsAtTheirLine()
    {
        using var registry = new TempRegistry().Write("cases/acme.yaml", ValidCase + """

            colour: red
            """);
        registry.Write("cases/other.yaml", """
            id: other
            effective_from: 2024-01-01
            scope: any_seller
            channels:
              search: enforced
              radio: enforced
            marks:
              - id: other-mark
                text: Other
                colour: blue
            artwork:
              block: 3
            """);
        var parsed = Parse(registry);
        AssertError(parsed, "cases/acme.yaml", 11, "colour", "unknown key");
        AssertError(parsed, "cases/other.yaml", 6, "channels.radio", "unknown key");
        AssertError(parsed, "cases/other.yaml", 10, "marks[0].colour", "unknown key");
        AssertError(parsed, "cases/other.yaml", 12, "artwork.block", "unknown key");
        Assert.Equal(4, parsed.Errors.Count);
    }

    [Fact]
    public void WrongTypesAreErrors()
    {
        using var registry = new TempRegistry().Write("cases/acme.yaml", """
            id: [acme]
            effective_from: 2024-01-01
            scope: any_seller
            channels: [search]
            marks: acme
            works:
              - id: w
                images: works/w.png
            artwork:
              block_distance: near
            """);
        var parsed = Parse(registry);
        AssertError(parsed, "cases/acme.yaml", 1, "id", "expected a string, found a list");
        AssertError(parsed, "cases/acme.yaml", 4, "channels", "expected a mapping, found a list");
        AssertError(parsed, "cases/acme.yaml", 5, "marks", "expected a list");
        AssertError(parsed, "cases/acme.yaml", 8, "works[0].images", "expected a list");
        AssertError(parsed, "cases/acme.yaml", 10, "artwork.block_distance", "'near' is not an integer");
        Assert.Equal(5, parsed.Errors.Count);
    }

    [Fact]
    public void BadDatesAndEnumsAreErrors()
    {
        using var registry = new TempRegistry().Write("cases/acme.yaml", """
            id: acme
            effective_from: 2024-02-30
            expires: soon
            scope: everyone
            channels:
              search: maybe
            fuzzy_verdict: allow
            marks:
              - id: acme
                text: Acme
                mode: everywhere
                fuzzy: yes
            """);
        var parsed = Parse(registry);
        AssertError(parsed, "cases/acme.yaml", 2, "effective_from", "not a date");
        AssertError(parsed, "cases/acme.yaml", 3, "expires", "not a date");
        AssertError(parsed, "cases/acme.yaml", 4, "scope", "'everyone' is not one of defendants|any_seller");
        AssertError(parsed, "cases/acme.yaml", 6, "channels.search", "'maybe' is not one of enforced|stayed");
        AssertError(parsed, "cases/acme.yaml", 7, "fuzzy_verdict", "'allow' is not one of review|block");
        AssertError(parsed, "cases/acme.yaml", 11, "marks[0].mode", "'everywhere' is not one of anywhere|word");
        AssertError(parsed, "cases/acme.yaml", 12, "marks[0].fuzzy", "'yes' is not one of true|false");
        Assert.Equal(7, parsed.Errors.Count);
    }

    [Fact]
    public void ExpiryNotAfterEffectiveDateIsAnError()
    {
        using var registry = new TempRegistry().Write("cases/acme.yaml", ValidCase.Replace("scope:", "expires: 2024-01-01\nscope:", StringComparison.Ordinal));
        var error = Single(Parse(registry));
        Assert.Equal(("cases/acme.yaml", 4, "expires"), (error.File, error.Line, error.Key));
        Assert.Contains("must be after effective_from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredKeysAreErrors()
    {
        using var registry = new TempRegistry().Write("cases/acme.yaml", """
            title: nothing else
            effective_from:
            marks:
              - id: acme
              - text: Acme
            works:
              - images: [works/a.png]
            """);
        var parsed = Parse(registry);
        AssertError(parsed, "cases/acme.yaml", 1, "id", "required key is missing");
        AssertError(parsed, "cases/acme.yaml", 1, "effective_from", "required key is missing");
        AssertError(parsed, "cases/acme.yaml", 1, "scope", "required key is missing");
        AssertError(parsed, "cases/acme.yaml", 1, "channels", "required key is missing");
        AssertError(parsed, "cases/acme.yaml", 4, "marks[0].text", "required key is missing");
        AssertError(parsed, "cases/acme.yaml", 5, "marks[1].id", "required key is missing");
        AssertError(parsed, "cases/acme.yaml", 7, "works[0].id", "required key is missing");
        // works/a.png does not exist either.
        AssertError(parsed, "cases/acme.yaml", 7, "works[0].images[0]", "does not exist");
        Assert.Equal(8, parsed.Errors.Count);
    }

    [Fact]
    public void DuplicateCaseIdsAreErrors()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", ValidCase)
            .Write("cases/b.yaml", ValidCase.Replace("id: acme\n", "id: acme-2\n", StringComparison.Ordinal));
        var error = Single(Parse(registry));
        Assert.Equal(("cases/b.yaml", 1, "id"), (error.File, error.Line, error.Key));
        Assert.Contains("case id 'acme-v-does' is already used by cases/a.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkIdsUsedTwiceAnywhereAreErrors()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", ValidCase + """

                  - id: acme-2
                    text: Acme Two
                  - id: acme-2
                    text: Acme Deux
                """)
            .Write("cases/b.yaml", ValidCase.Replace("id: acme-v-does", "id: other-case", StringComparison.Ordinal));
        var parsed = Parse(registry);
        AssertError(parsed, "cases/a.yaml", 13, "marks[2].id", "mark id 'acme-2' is already used at cases/a.yaml:11");
        AssertError(parsed, "cases/b.yaml", 9, "marks[0].id", "mark id 'acme' is already used at cases/a.yaml:9");
        Assert.Equal(2, parsed.Errors.Count);
        Assert.Equal(2, parsed.UniqueMarks.Count);
    }

    [Fact]
    public void WorkIdsUsedTwiceAreErrors()
    {
        using var registry = new TempRegistry()
            .WriteBytes("works/a.png", [1, 2, 3])
            .Write("cases/a.yaml", ValidCase + """

                works:
                  - id: art
                    images: [works/a.png]
                  - id: art
                    images: [works/a.png]
                """);
        var error = Single(Parse(registry));
        Assert.Equal(("cases/a.yaml", 14, "works[1].id"), (error.File, error.Line, error.Key));
        Assert.Contains("work id 'art' is already used", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefendantsTogetherWithDefendantsFileIsAnError()
    {
        using var registry = new TempRegistry()
            .Write("defendants/d.txt", "123\n")
            .Write("cases/a.yaml", ValidCase.Replace("any_seller", "defendants", StringComparison.Ordinal) + """

                defendants: ["456"]
                defendants_file: defendants/d.txt
                """);
        var error = Single(Parse(registry));
        Assert.Equal(("cases/a.yaml", 12, "defendants_file"), (error.File, error.Line, error.Key));
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefendantsScopeWithoutDefendantsIsAnError()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase.Replace("any_seller", "defendants", StringComparison.Ordinal));
        var error = Single(Parse(registry));
        Assert.Equal(("cases/a.yaml", 1, "defendants"), (error.File, error.Line, error.Key));
    }

    [Fact]
    public void MissingAndEscapingFilesAreErrors()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase.Replace("any_seller", "defendants", StringComparison.Ordinal) + """

            defendants_file: defendants/missing.txt
            notices_file: ../outside.csv
            works:
              - id: art
                images: [/etc/passwd, works, "works\\a.png", "works/a\0.png"]
            """);
        Directory.CreateDirectory(registry.PathOf("works"));
        var parsed = Parse(registry);
        AssertError(parsed, "cases/a.yaml", 11, "defendants_file", "'defendants/missing.txt' does not exist");
        AssertError(parsed, "cases/a.yaml", 12, "notices_file", "points outside the registry folder");
        AssertError(parsed, "cases/a.yaml", 15, "works[0].images[0]", "must be relative to the registry folder");
        AssertError(parsed, "cases/a.yaml", 15, "works[0].images[1]", "is a folder");
        AssertError(parsed, "cases/a.yaml", 15, "works[0].images[2]", "'/' separators");
        AssertError(parsed, "cases/a.yaml", 15, "works[0].images[3]", "contains a NUL character");
        Assert.Equal(6, parsed.Errors.Count);
    }

    [Fact]
    public void SymbolicLinkOutOfTheFolderIsAnError()
    {
        using var outside = new TempRegistry().Write("secret.txt", "123\n");
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase.Replace("any_seller", "defendants", StringComparison.Ordinal) + """

            defendants_file: defendants/link.txt
            """);
        Directory.CreateDirectory(registry.PathOf("defendants"));
        File.CreateSymbolicLink(registry.PathOf("defendants/link.txt"), outside.PathOf("secret.txt"));
        var error = Single(Parse(registry));
        Assert.Equal(("cases/a.yaml", 11, "defendants_file"), (error.File, error.Line, error.Key));
        Assert.Contains("outside the registry folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadNoticeRowsAreErrorsAtTheirCsvLine()
    {
        using var registry = new TempRegistry()
            .Write("notices/n.csv", """"
                listing_id,received,reference
                L1,2024-01-02,n-1
                L2,2024-13-02,n-2
                L3,2024-01-02
                ,2024-01-02,n-4

                L1,2024-01-05,n-5
                L6,2024-01-02,
                "L7, quoted",2024-01-02,"ref ""7"""
                "L8,2024-01-02,n-8
                """")
            .Write("cases/a.yaml", ValidCase + """

                notices_file: notices/n.csv
                """);
        var parsed = Parse(registry);
        AssertError(parsed, "notices/n.csv", 3, "received", "'2024-13-02' is not a date");
        AssertError(parsed, "notices/n.csv", 4, "notices_file", "expected 3 fields");
        AssertError(parsed, "notices/n.csv", 5, "listing_id", "is not a listing id");
        AssertError(parsed, "notices/n.csv", 7, "listing_id", "listing 'L1' is already noticed on line 2");
        AssertError(parsed, "notices/n.csv", 8, "reference", "must not be empty");
        AssertError(parsed, "notices/n.csv", 9, "listing_id", "'L7, quoted' is not a listing id");
        AssertError(parsed, "notices/n.csv", 10, "notices_file", "not closed");
        Assert.Equal(7, parsed.Errors.Count);
    }

    [Fact]
    public void QuotedNoticeFieldsAndBomAreRead()
    {
        using var registry = new TempRegistry()
            .WriteBytes("notices/n.csv", [0xEF, 0xBB, 0xBF, .. "listing_id,received,reference\r\nL1,2024-01-02,\"ref, \"\"one\"\"\"\r\n"u8])
            .Write("cases/a.yaml", ValidCase + "\nnotices_file: notices/n.csv\n");
        var parsed = Parse(registry);
        Assert.Empty(parsed.Errors);
        Assert.Equal("ref, \"one\"", parsed.Cases[0].Notices["L1"].Reference);
    }

    [Fact]
    public void NoticeFileWithoutHeaderIsAnError()
    {
        using var registry = new TempRegistry()
            .Write("notices/n.csv", "L1,2024-01-02,n-1\n")
            .Write("cases/a.yaml", ValidCase + "\nnotices_file: notices/n.csv\n");
        var error = Single(Parse(registry));
        Assert.Equal(("notices/n.csv", 1, "notices_file"), (error.File, error.Line, error.Key));
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefendantsFileSkipsCommentsAndRefusesBadLines()
    {
        using var registry = new TempRegistry()
            .Write("defendants/d.txt", "# header\n\n  111  \n222 # trailing comment\nthree three\n")
            .Write("cases/a.yaml", ValidCase.Replace("any_seller", "defendants", StringComparison.Ordinal) + "\ndefendants_file: defendants/d.txt\n");
        var parsed = Parse(registry);
        var error = Single(parsed);
        Assert.Equal(("defendants/d.txt", 5, "defendants_file"), (error.File, error.Line, error.Key));
        Assert.Equal(["111", "222"], parsed.Cases[0].Defendants.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("block_distance: 257", 12, "artwork.block_distance", "out of range [0, 256]")]
    [InlineData("review_distance: -1", 12, "artwork.review_distance", "out of range [0, 256]")]
    [InlineData("block_distance: 50", 12, "artwork.block_distance", "block_distance (50) must not exceed review_distance (45)")]
    public void DistancesOutOfRangeAreErrors(string line, int expectedLine, string key, string message)
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase + "\nartwork:\n  " + line + "\n");
        var error = Single(Parse(registry));
        Assert.Equal(("cases/a.yaml", expectedLine, key), (error.File, error.Line, error.Key));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeysAreErrorsNotExceptions()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase + "\nscope: defendants\n");
        var error = Single(Parse(registry));
        Assert.Equal(("cases/a.yaml", 11, "scope"), (error.File, error.Line, error.Key));
        Assert.Contains("key given twice (first on line 4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlSyntaxErrorsNameTheirLine()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", "id: a\nchannels: {search: enforced\n")
            .Write("cases/b.yaml", ValidCase + "\n---\nid: second\n")
            .Write("cases/c.yaml", "# nothing here\n")
            .Write("cases/d.yaml", "- just\n- a list\n");
        var parsed = Parse(registry);
        Assert.Contains(parsed.Errors, e => e.File == "cases/a.yaml" && e.Key == "(yaml)" && e.Line >= 2 && e.Message.StartsWith("not valid YAML", StringComparison.Ordinal));
        AssertError(parsed, "cases/b.yaml", 11, "(yaml)", "more than one YAML document");
        AssertError(parsed, "cases/c.yaml", 1, "(yaml)", "empty");
        AssertError(parsed, "cases/d.yaml", 1, "(case)", "expected a mapping of case keys, found a list");
        Assert.Equal(4, parsed.Errors.Count);
    }

    [Fact]
    public void InvalidIdsAreErrors()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase.Replace("id: acme-v-does", "id: acme v does", StringComparison.Ordinal) + """

            authorized_sellers: ["", "ok"]
            """);
        var parsed = Parse(registry);
        AssertError(parsed, "cases/a.yaml", 1, "id", "contains whitespace");
        AssertError(parsed, "cases/a.yaml", 11, "authorized_sellers[0]", "must not be empty");
        Assert.Equal(2, parsed.Errors.Count);
    }

    [Fact]
    public void AnEmptyCasesFolderIsAnError()
    {
        using var registry = new TempRegistry().Write("cases/README.md", "not a case");
        var error = Single(Parse(registry));
        Assert.Equal(("cases", 0, "(registry)"), (error.File, error.Line, error.Key));
        Assert.Contains("no case files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingCasesFolderOrRegistryIsAnError()
    {
        using var registry = new TempRegistry();
        Directory.Delete(registry.PathOf("cases"));
        var error = Single(Parse(registry));
        Assert.Equal(("cases", "(registry)"), (error.File, error.Key));

        var missing = Single(RegistryLoader.Parse(registry.PathOf("nowhere")));
        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YmlFilesAreNotSilentlyIgnored()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", ValidCase).Write("cases/b.yml", ValidCase);
        var error = Single(Parse(registry));
        Assert.Equal(("cases/b.yml", "(case)"), (error.File, error.Key));
    }

    [Fact]
    public void AllErrorsOfAllFilesComeOutOfOnePass()
    {
        using var registry = new TempRegistry()
            .Write("cases/a.yaml", ValidCase + "\ncolour: red\n")
            .Write("cases/b.yaml", ValidCase.Replace("acme", "bmce", StringComparison.Ordinal).Replace("2024-01-01", "yesterday", StringComparison.Ordinal) + "\nnotices_file: notices/none.csv\n");
        var parsed = Parse(registry);
        AssertError(parsed, "cases/a.yaml", 11, "colour", "unknown key");
        AssertError(parsed, "cases/b.yaml", 3, "effective_from", "not a date");
        AssertError(parsed, "cases/b.yaml", 11, "notices_file", "does not exist");
        Assert.Equal(3, parsed.Errors.Count);
    }
}
