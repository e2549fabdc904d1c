namespace ClassifyRpc.Text.Internal;

/// <summary>The compiled dense DFA (see <see cref="DfaBuilder"/>).</summary>
/// <param name="Transitions">The transitions, each state's id its row's byte offset (<see cref="DfaBuilder.Next(int[], int, int)"/>), state 0 the root.</param>
/// <param name="OwnPattern">Per state number (<see cref="DfaBuilder.Number"/>): the spelling ending exactly here, or -1.</param>
/// <param name="OutputLink">Per state number: the nearest proper suffix state that has an own pattern, or -1.</param>
/// <param name="StateCount">Number of states.</param>
/// <param name="AcceptThreshold">The id of the first state with output: every state at or above it ends a spelling.</param>
internal sealed record Dfa(int[] Transitions, int[] OwnPattern, int[] OutputLink, int StateCount, int AcceptThreshold);
