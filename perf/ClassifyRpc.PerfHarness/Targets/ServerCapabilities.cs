using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// Which <c>ClassifyRpc:</c> settings a built server knows, read from its assembly's metadata without loading it: the
/// harness runs whatever server build it is given, older or newer than itself, and must not pass a setting that build
/// would ignore while reporting it as applied.
/// </summary>
internal static class ServerCapabilities
{
    private const string OptionsType = "ClassifyRpcOptions";

    /// <summary>True when the server's options class has a property named <paramref name="setting"/>.</summary>
    public static bool HasSetting(string serverDll, string setting)
    {
        using FileStream stream = File.OpenRead(serverDll);
        using var pe = new PEReader(stream);
        MetadataReader metadata = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle handle in metadata.TypeDefinitions)
        {
            TypeDefinition type = metadata.GetTypeDefinition(handle);
            if (!metadata.StringComparer.Equals(type.Name, OptionsType))
            {
                continue;
            }
            foreach (PropertyDefinitionHandle property in type.GetProperties())
            {
                if (metadata.StringComparer.Equals(metadata.GetPropertyDefinition(property).Name, setting))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
