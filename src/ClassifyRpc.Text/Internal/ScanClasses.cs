namespace ClassifyRpc.Text.Internal;

/// <summary>
/// The scan loop's view of each BMP code unit: its symbol (0..26) when the code unit alone decides it,
/// <see cref="NoOp"/> for separators and ignored characters (the automaton does not see them: repeats
/// collapse across them and word boundaries are checked later, on the rare text that may match), or a
/// code asking for more: the first letter of a multi-letter look-alike (r, v, c, and whatever maps to
/// them), or anything the slow path must read (surrogates, expansions).
/// </summary>
internal static class ScanClasses
{
    public const byte NoOp = Symbols.Count;          // 27: also the DFA's no-op column
    public const byte PairR = NoOp + 1;              // r: rn -> m
    public const byte PairV = NoOp + 2;              // v: vv -> w
    public const byte PairC = NoOp + 3;              // c: cl -> d
    public const byte Slow = NoOp + 4;               // surrogates, expansions, non-ASCII pair letters

    /// <summary>One entry per BMP code unit.</summary>
    public static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var table = new byte[0x10000];
        for (int c = 0; c < table.Length; c++)
        {
            ushort entry = CharTable.Bmp[c];
            table[c] = entry switch
            {
                CharTable.Separator or CharTable.Ignore or CharTable.LowSurrogate => NoOp,
                CharTable.HighSurrogate => Slow,
                >= CharTable.ExpansionBase => Slow,
                // Only ASCII r, v, c take the inline pair path (it peeks one ASCII code unit); a
                // look-alike of them may be followed by anything and reads through the slow path.
                'r' => c < 0x80 ? PairR : Slow,
                'v' => c < 0x80 ? PairV : Slow,
                'c' => c < 0x80 ? PairC : Slow,
                _ => Symbols.FromRaw[entry],
            };
        }
        return table;
    }
}
