namespace ClassifyRpc.Text.Tests;

/// <summary>A text's hits by the scan (fast pass, then regions) and by the detailed pass alone: the
/// differential tests' one comparison.</summary>
internal static class BothPasses
{
    public static (MarkHit[] Scanned, MarkHit[] Detailed) Of(MarkAutomaton automaton, string text)
    {
        var scanned = new MarkHitBuffer();
        var detailed = new MarkHitBuffer();
        automaton.Scan(text, scanned);
        automaton.ScanDetailed(text, detailed);
        return (scanned.AsSpan().ToArray(), detailed.AsSpan().ToArray());
    }
}
