namespace ClassifyRpc.Registry;

/// <summary>
/// Holds the current snapshot of one registry folder; reloads on demand and (when watching) on file
/// changes, debounced. A folder that fails to load never replaces the good snapshot.
/// </summary>
#pragma warning disable CS0067 // stub: events are raised once implemented
public sealed class RegistryHost : IDisposable
{
    /// <summary>Loads the folder once; throws <see cref="RegistryLoadException"/> if it does not load.</summary>
    public RegistryHost(string folder, RegistryLoader loader) => throw new NotImplementedException();

    public string Folder => throw new NotImplementedException();

    /// <summary>The snapshot new calls should use (read once per call).</summary>
    public RegistrySnapshot Current => throw new NotImplementedException();

    /// <summary>Raised after a successful reload with the new snapshot.</summary>
    public event Action<RegistrySnapshot>? Reloaded;

    /// <summary>Raised after a failed reload (the old snapshot stays).</summary>
    public event Action<RegistryLoadException>? ReloadFailed;

    /// <summary>Loads the folder again and swaps it in; throws <see cref="RegistryLoadException"/> and keeps
    /// the current snapshot if it does not load.</summary>
    public RegistrySnapshot Reload() => throw new NotImplementedException();

    /// <summary>Starts watching the folder; changes reload after <paramref name="debounce"/> of quiet.</summary>
    public void StartWatching(TimeSpan debounce) => throw new NotImplementedException();

    public void Dispose() => throw new NotImplementedException();
}
