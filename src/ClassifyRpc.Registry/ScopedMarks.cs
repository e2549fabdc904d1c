using ClassifyRpc.Text;

namespace ClassifyRpc.Registry;

/// <summary>An automaton over some of a registry's marks: its hits name mark i of the list it was built from,
/// which is mark <see cref="Ordinals"/>[i] of <see cref="RegistrySnapshot.Marks"/> (<see cref="MarkHitBuffer.Remap"/>).</summary>
public sealed record ScopedMarks(MarkAutomaton Automaton, int[] Ordinals);
