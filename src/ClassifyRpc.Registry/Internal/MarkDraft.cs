using ClassifyRpc.Text;

namespace ClassifyRpc.Registry.Internal;

/// <summary>A mark as parsed, before the automaton has accepted it. <see cref="Line"/>/<see cref="Key"/>
/// locate it for errors found later (duplicate ids, refused by the automaton).</summary>
internal sealed record MarkDraft(string Id, string Text, MarkMode Mode, bool Fuzzy, IReadOnlyList<string> Variants, int Line, string Key);
