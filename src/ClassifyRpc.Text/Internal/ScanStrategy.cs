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

    /// <summary><see cref="AnchorFilter"/> in front of the dense DFA, 64 code units at a time where the
    /// hardware supports it (the automaton's <c>Strategy</c> then reads Dense: inside the filter's
    /// windows every code unit goes through the DFA).</summary>
    Anchored,

    /// <summary><see cref="AnchorFilter"/> forced onto its scalar path (the fallback, tested here).</summary>
    AnchoredScalar,
}
