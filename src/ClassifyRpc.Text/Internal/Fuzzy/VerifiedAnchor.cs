namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>One fuzzy anchor as the verifier reads it: its length in runs, its last symbol, and the roots of
/// its two automata (the rests of its spellings after it, and before it reversed). Everything a rejection
/// reads (<see cref="FuzzyVerifier.Rejects"/>) lies in this one record.</summary>
internal readonly record struct VerifiedAnchor(int Length, int Last, AnchorRoot Forward, AnchorRoot Backward);
