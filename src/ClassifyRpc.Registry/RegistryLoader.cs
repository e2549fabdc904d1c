using ClassifyRpc.Imaging;

namespace ClassifyRpc.Registry;

/// <summary>Loads and validates a registry folder into a <see cref="RegistrySnapshot"/>.</summary>
public sealed class RegistryLoader
{
    public RegistryLoader(WorkHashCache workHashes, TimeProvider clock)
    {
        WorkHashes = workHashes;
        Clock = clock;
    }

    public WorkHashCache WorkHashes { get; }

    public TimeProvider Clock { get; }

    /// <summary>Loads everything or nothing: throws <see cref="RegistryLoadException"/> listing every error found.</summary>
    public RegistrySnapshot Load(string folder) => throw new NotImplementedException();
}
