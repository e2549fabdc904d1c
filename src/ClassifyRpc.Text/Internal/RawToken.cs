namespace ClassifyRpc.Text.Internal;

/// <summary>
/// One normalized token of the source text after steps 1-4: a raw character of [a-z0-9!|$@] (steps 5
/// and 6 still to apply) or a separator (<see cref="Raw"/> == '\0'), with the UTF-16 range of the source
/// code units it came from.
/// </summary>
internal struct RawToken
{
    public char Raw;
    public int Start;
    public int End;

    public readonly bool IsSeparator => Raw == '\0';
}
