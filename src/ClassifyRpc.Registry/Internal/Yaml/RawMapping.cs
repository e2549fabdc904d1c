namespace ClassifyRpc.Registry.Internal.Yaml;

/// <summary>A mapping with its entries in document order, duplicates kept (the reader reports them).</summary>
internal sealed class RawMapping(int line, List<KeyValuePair<RawNode, RawNode>> entries) : RawNode(line)
{
    public List<KeyValuePair<RawNode, RawNode>> Entries { get; } = entries;

    public override string Describe => "a mapping";
}
