using ClassifyRpc.Text;

namespace ClassifyRpc.Registry;

/// <summary>
/// How large a registry the loader accepts, and what the limits are called where an operator changes them,
/// so that a registry refused as too large says which setting to raise.
/// </summary>
public sealed record RegistryLimits
{
    public static RegistryLimits Default { get; } = new();

    /// <summary>Limits the mark automaton's build checks before it allocates anything.</summary>
    public MarkLimits Marks { get; init; } = MarkLimits.Default;

    /// <summary>The setting behind <see cref="MarkLimits.MaxStates"/> (the server's
    /// <c>ClassifyRpc:MaxAutomatonStates</c>), named in the error of a registry over it; null names none.</summary>
    public string? MaxStatesSetting { get; init; }
}
