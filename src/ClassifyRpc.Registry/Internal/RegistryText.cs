namespace ClassifyRpc.Registry.Internal;

/// <summary>Small text checks shared by the case, defendants and notices readers.</summary>
internal static class RegistryText
{
    /// <summary>Why <paramref name="id"/> is not a valid id, or null when it is.</summary>
    public static string? FindBadIdChar(string id)
    {
        foreach (char c in id)
        {
            if (char.IsWhiteSpace(c))
            {
                return "it contains whitespace";
            }
            if (char.IsControl(c))
            {
                return "it contains a control character";
            }
        }
        return null;
    }
}
