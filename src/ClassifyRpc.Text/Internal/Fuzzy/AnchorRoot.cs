namespace ClassifyRpc.Text.Internal.Fuzzy;

/// <summary>
/// The root of one anchor's automaton in one direction, with its first step copied beside it (the symbols
/// the root takes, whether it accepts the empty rest), so that most rejections never touch the graph,
/// whose records lie megabytes apart.
/// </summary>
internal readonly record struct AnchorRoot(int State, uint Symbols, bool Accepts)
{
    /// <summary>No spelling goes on from the anchor this way.</summary>
    public bool Dead => State == VerifierGraph.Dead;

    public static AnchorRoot Of(VerifierGraph graph, int state) =>
        state == VerifierGraph.Dead ? new(state, 0, false) : new(state, graph.MaskOf(state), graph.Accepting(state));
}
