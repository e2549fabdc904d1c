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

    /// <summary><see cref="PairFilter"/>, where the hardware supports it (its AVX-512 form where available).</summary>
    PairFilter,

    /// <summary><see cref="PairFilter"/> in its AVX2 form even where AVX-512 is available (tests the fallback).</summary>
    PairFilterAvx2,
}
