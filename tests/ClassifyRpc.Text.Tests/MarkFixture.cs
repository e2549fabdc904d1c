using ClassifyRpc.Text;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The marks of the bundled registry (registry/cases/*.yaml), declared here so the engine's tests do
/// not depend on the registry loader.
/// </summary>
internal static class MarkFixture
{
    public static readonly MarkDefinition[] RegistryMarks =
    [
        new("squishmallows", "Squishmallows", MarkMode.Anywhere, Fuzzy: true, ["Squishmallowing", "Squish Mallow"]),
        new("lumi", "Lumi", MarkMode.Word, Fuzzy: false, []),
        new("snugglewomp", "Snugglewomp", MarkMode.Anywhere, Fuzzy: true, []),
        new("womp-pals", "Womp Pals", MarkMode.Word, Fuzzy: false, []),
    ];

    /// <summary>The registry as the service compiles it: its two fuzzy marks are few enough to have every
    /// one-typo spelling in the DFA (<see cref="Internal.FuzzyMode.Expanded"/>).</summary>
    public static readonly Lazy<MarkAutomaton> Registry = new(() => MarkAutomaton.Build(RegistryMarks));

    /// <summary>The registry with its fuzzy marks compiled as verified anchors, as a docket of thousands of
    /// fuzzy marks is.</summary>
    public static readonly Lazy<MarkAutomaton> VerifiedRegistry = new(() => Verified(RegistryMarks));

    /// <summary>The marks with fuzzy marks compiled as verified anchors (<see cref="Internal.FuzzyMode.Verified"/>).</summary>
    public static MarkAutomaton Verified(IReadOnlyList<MarkDefinition> marks, Internal.ScanStrategy strategy = Internal.ScanStrategy.Auto) =>
        MarkAutomaton.Build(marks, MarkLimits.Default, strategy, Internal.FuzzyMode.Verified);

    /// <summary>The marks of the look-alike pairs registry (tests/data/registry-pairs, a copy of the design's
    /// registry-pairs): three of them hold a pair (rn, vv, cl).</summary>
    public static readonly MarkDefinition[] PairsMarks =
    [
        new("burnaby-bear", "Burnaby Bear", MarkMode.Anywhere, Fuzzy: true, []),
        new("clevver", "Clevver", MarkMode.Word, Fuzzy: true, []),
        new("cornflips", "Cornflips", MarkMode.Anywhere, Fuzzy: true, []),
        new("swirly", "Swirly", MarkMode.Word, Fuzzy: false, []),
    ];

    /// <summary>The registry with its fuzzy marks' one-typo spellings compiled into the DFA, whatever the
    /// limits say (the definition the verified anchors must equal): about 2,000 spellings that leave the root
    /// on any letter, the mark set the anchor filter and the dense reading of long texts are built for.</summary>
    public static readonly Lazy<MarkAutomaton> ExpandedRegistry = new(() => Expanded(RegistryMarks));

    /// <summary>The marks with every one-typo spelling compiled (<see cref="Internal.FuzzyMode.Expanded"/>).</summary>
    public static MarkAutomaton Expanded(IReadOnlyList<MarkDefinition> marks, Internal.ScanStrategy strategy = Internal.ScanStrategy.Auto) =>
        MarkAutomaton.Build(marks, MarkLimits.Default, strategy, Internal.FuzzyMode.Expanded);

    public static MarkAutomaton Build(params MarkDefinition[] marks) => MarkAutomaton.Build(marks);

    public static MarkDefinition Anywhere(string text, bool fuzzy = false, params string[] variants) =>
        new(text.ToLowerInvariant(), text, MarkMode.Anywhere, fuzzy, variants);

    public static MarkDefinition Word(string text, bool fuzzy = false, params string[] variants) =>
        new(text.ToLowerInvariant(), text, MarkMode.Word, fuzzy, variants);

    /// <summary>Scans and returns the hits with their matched text.</summary>
    public static List<(string Mark, string Text, int Edits, MarkHit Hit)> Scan(MarkAutomaton automaton, IReadOnlyList<MarkDefinition> marks, string text)
    {
        var buffer = new MarkHitBuffer();
        automaton.Scan(text, buffer);
        var result = new List<(string, string, int, MarkHit)>();
        foreach (MarkHit hit in buffer.AsSpan())
        {
            result.Add((marks[hit.MarkIndex].Id, text.Substring(hit.Start, hit.Length), hit.Edits, hit));
        }
        return result;
    }
}
