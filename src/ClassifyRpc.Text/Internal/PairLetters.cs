namespace ClassifyRpc.Text.Internal;

/// <summary>
/// ASCII r, v, c, the first letters of the look-alike pairs rn (m), vv (w), cl (d): what the fast
/// pass's loops need of each, indexed by scan class - <see cref="ScanClasses.PairR"/>.
/// </summary>
internal static class PairLetters
{
    /// <summary>Per pair letter (r, v, c): its pair's second letter | the pair's symbol &lt;&lt; 8 | the
    /// letter's own symbol &lt;&lt; 16.</summary>
    public static readonly int[] Info = [Of('r'), Of('v'), Of('c')];

    private static int Of(char alone) =>
        Symbols.PairSecond(alone) | (Symbols.FromRaw[Symbols.PairJoined(alone)] << 8) | (Symbols.FromRaw[alone] << 16);
}
