namespace ClassifyRpc.Registry.Internal.Yaml;

/// <summary>A scalar as written; <see cref="IsNull"/> for a plain empty, <c>~</c> or <c>null</c>.</summary>
internal sealed class RawScalar(int line, string value, bool isNull) : RawNode(line)
{
    public string Value { get; } = value;

    public bool IsNull { get; } = isNull;

    public override string Describe => IsNull ? "null" : "a scalar";
}
