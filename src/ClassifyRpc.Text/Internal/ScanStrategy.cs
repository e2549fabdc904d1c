namespace ClassifyRpc.Text.Internal;

/// <summary>How the fast pass moves over text while the DFA is at its root (tests force each one).</summary>
internal enum ScanStrategy
{
    /// <summary>The pair filter where supported and worth it, else the skip over single code units, else none.</summary>
    Auto,

    /// <summary>Every code unit through the DFA.</summary>
    Dense,

    /// <summary>SearchValues over the code units that keep the root.</summary>
    RootSkip,

    /// <summary><see cref="PairFilter"/>, where the hardware supports it.</summary>
    PairFilter,
}
