namespace ClassifyRpc.Registry.Internal.Yaml;

internal sealed class RawSequence(int line, List<RawNode> items) : RawNode(line)
{
    public List<RawNode> Items { get; } = items;

    public override string Describe => "a list";
}
