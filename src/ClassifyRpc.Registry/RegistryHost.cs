using System.Runtime.ExceptionServices;
using ClassifyRpc.Registry.Internal;

namespace ClassifyRpc.Registry;

/// <summary>
/// Holds the current snapshot of one registry folder; reloads on demand and (when watching) on file
/// changes, debounced. A folder that fails to load never replaces the good snapshot.
/// </summary>
/// <remarks>
/// Readers take <see cref="Current"/> once per call and keep that snapshot to the end of the call, so a
/// reload never changes the rules under a call in flight. Reloads are serialized (a watcher reload and a
/// ReloadRegistry call never build two snapshots at once, and the last one to finish is the newest);
/// the swap itself is a single volatile reference write.
/// </remarks>
public sealed class RegistryHost : IDisposable
{
    private readonly RegistryLoader _loader;
    private readonly Lock _reloadGate = new();
    private readonly Lock _watchGate = new();
    private RegistrySnapshot _current;
    private FileSystemWatcher? _watcher;
    private Timer? _debounceTimer;
    private TimeSpan _debounce;
    private int _disposed;

    /// <summary>Loads the folder once; throws <see cref="RegistryLoadException"/> if it does not load.</summary>
    public RegistryHost(string folder, RegistryLoader loader)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(loader);
        Folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _loader = loader;
        _current = loader.Load(Folder);
    }

    public string Folder { get; }

    /// <summary>The snapshot new calls should use (read once per call).</summary>
    public RegistrySnapshot Current => Volatile.Read(ref _current);

    /// <summary>Raised after a successful reload with the new snapshot. Handlers run on the reloading
    /// thread while reloads are held back, so they see reloads in order; keep them short.</summary>
    public event Action<RegistrySnapshot>? Reloaded;

    /// <summary>Raised after a failed reload (the old snapshot stays).</summary>
    public event Action<RegistryLoadException>? ReloadFailed;

    /// <summary>Loads the folder again and swaps it in; throws <see cref="RegistryLoadException"/> and keeps
    /// the current snapshot if it does not load.</summary>
    /// <remarks>
    /// The load itself runs on a thread of its own at low CPU priority (<see cref="LowPriority"/>) while
    /// the calling thread waits: on a busy host the threads answering calls keep the cores, and a reload
    /// takes longer instead of calls taking longer. That thread does nothing but load and then ends; the
    /// swap and the events happen on the caller's thread. It must not hand work to the thread pool: a
    /// thread it caused to be created would inherit its priority for good (Linux threads inherit the nice
    /// value of the thread that creates them, and it cannot be lowered back without privileges).
    /// </remarks>
    public RegistrySnapshot Reload()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_reloadGate)
        {
            RegistrySnapshot snapshot;
            try
            {
                snapshot = LoadAtLowPriority();
            }
            catch (RegistryLoadException e)
            {
                // The loader throws nothing else: a folder that vanished mid-load or an engine that failed
                // unexpectedly is a registry that did not load too, and the good snapshot stays.
                ReloadFailed?.Invoke(e);
                throw;
            }
            Volatile.Write(ref _current, snapshot);
            Reloaded?.Invoke(snapshot);
            return snapshot;
        }
    }

    private RegistrySnapshot LoadAtLowPriority()
    {
        RegistrySnapshot? snapshot = null;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            LowPriority.Apply();
            try
            {
                snapshot = _loader.Load(Folder);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = "ClassifyRpc registry load",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return snapshot!;
    }

    /// <summary>Starts watching the folder (recursively); changes reload after <paramref name="debounce"/>
    /// of quiet, so an editor's save or a checkout touching many files reloads once. Calling it again
    /// only changes the debounce.</summary>
    public void StartWatching(TimeSpan debounce)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(debounce, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_watchGate)
        {
            _debounce = debounce;
            if (_watcher is not null)
            {
                return;
            }
            _debounceTimer = new Timer(static state => ((RegistryHost)state!).OnDebounceElapsed(), this, Timeout.Infinite, Timeout.Infinite);
            var watcher = new FileSystemWatcher(Folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                    | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.Renamed += OnChanged;
            // An overflowed event buffer means changes were lost: reload anyway.
            watcher.Error += (_, _) => ScheduleReload();
            watcher.EnableRaisingEvents = true;
            _watcher = watcher;
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => ScheduleReload();

    private void ScheduleReload()
    {
        lock (_watchGate)
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                // Every event pushes the reload back: it runs once the folder has been quiet for _debounce.
                _debounceTimer?.Change(_debounce, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void OnDebounceElapsed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }
        try
        {
            Reload();
        }
        catch (RegistryLoadException)
        {
            // Already reported through ReloadFailed; the good snapshot stays.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while the timer fired.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        lock (_watchGate)
        {
            _watcher?.Dispose();
            _watcher = null;
            _debounceTimer?.Dispose();
            _debounceTimer = null;
        }
    }
}
