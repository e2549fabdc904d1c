namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>Case files the reload tests add to a copy of the bundled registry.</summary>
internal static class ExtraCase
{
    public const string Path = "cases/zorblax-v-everyone.yaml";

    public const string MarkText = "Zorblax";

    /// <summary>An any_seller case on every channel with one exact mark: a listing titled "Zorblax ..." is
    /// BLOCK with it and ALLOW without it, which tells which registry answered.</summary>
    public const string Valid = """
        id: zorblax-v-everyone
        title: Zorblax Inc. v. Everyone
        court: Test
        docket: 1
        order: Test order
        effective_from: 2020-01-01
        scope: any_seller
        channels:
          advertising: enforced
          email: enforced
          search: enforced
          recommendation: enforced
          listing: enforced
        marks:
          - id: zorblax
            text: Zorblax
            mode: word
            fuzzy: false
        """;

    /// <summary>Same case with an unknown key on line 7.</summary>
    public const string UnknownKeyLine = "7";

    public const string WithUnknownKey = """
        id: zorblax-v-everyone
        title: Zorblax Inc. v. Everyone
        court: Test
        docket: 1
        order: Test order
        effective_from: 2020-01-01
        colour: blue
        scope: any_seller
        channels:
          advertising: enforced
        marks:
          - id: zorblax
            text: Zorblax
            mode: word
            fuzzy: false
        """;
}
