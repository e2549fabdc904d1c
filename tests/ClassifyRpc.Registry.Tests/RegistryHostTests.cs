using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Registry.Tests;

public sealed class RegistryHostTests
{
    private const string CaseA = """
        id: acme-v-does
        effective_from: 2024-01-01
        scope: any_seller
        channels:
          search: enforced
        marks:
          - id: acme
            text: Acme Widget
        """;

    // Bounds how long a test waits for the watcher; never asserted as a timing.
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    private readonly FakeClock _clock = new(2025, 6, 1);

    [Fact]
    public void ConstructionLoadsOrThrows()
    {
        using var good = new TempRegistry().Write("cases/a.yaml", CaseA);
        using var host = new RegistryHost(good.Folder, Engines.NewLoader(_clock));
        Assert.Equal("acme-v-does", Assert.Single(host.Current.Cases).Id);
        Assert.Equal(Path.GetFullPath(good.Folder), host.Folder);

        using var bad = new TempRegistry().Write("cases/a.yaml", CaseA + "\ncolour: red\n");
        var e = Assert.Throws<RegistryLoadException>(() => new RegistryHost(bad.Folder, Engines.NewLoader(_clock)));
        Assert.Equal("colour", Assert.Single(e.Errors).Key);
    }

    [Fact]
    public void ReloadSwapsInTheNewSnapshot()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        var before = host.Current;
        RegistrySnapshot? announced = null;
        host.Reloaded += s => announced = s;

        registry.Write("cases/b.yaml", CaseA.Replace("acme", "bmce", StringComparison.Ordinal));
        _clock.Now = _clock.Now.AddHours(1);
        var after = host.Reload();

        Assert.Same(after, host.Current);
        Assert.Same(after, announced);
        Assert.Equal(2, after.Cases.Count);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(_clock.Now, after.LoadedAt);
        // The old snapshot is untouched: calls that hold it finish on it.
        Assert.Single(before.Cases);
    }

    [Fact]
    public void AFailedReloadKeepsTheOldSnapshot()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        var good = host.Current;
        RegistryLoadException? reported = null;
        bool reloaded = false;
        host.ReloadFailed += e => reported = e;
        host.Reloaded += _ => reloaded = true;

        registry.Write("cases/b.yaml", "id: [broken\n");
        var thrown = Assert.Throws<RegistryLoadException>(host.Reload);

        Assert.Same(thrown, reported);
        Assert.False(reloaded);
        Assert.Same(good, host.Current);
        Assert.Equal("cases/b.yaml", Assert.Single(thrown.Errors).File);
    }

    [Fact]
    public void AnUnexpectedFailureIsALoadFailureAtConstructionAndOnReload()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        var clock = new BreakableClock { Failure = new InvalidOperationException("broken") };
        var e = Assert.Throws<RegistryLoadException>(() => new RegistryHost(registry.Folder, Engines.NewLoader(clock)));
        Assert.IsType<InvalidOperationException>(e.InnerException);

        clock.Failure = null;
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(clock));
        var good = host.Current;
        RegistryLoadException? reported = null;
        host.ReloadFailed += failure => reported = failure;
        clock.Failure = new InvalidOperationException("broken again");

        var thrown = Assert.Throws<RegistryLoadException>(host.Reload);
        Assert.Same(thrown, reported);
        Assert.Equal("InvalidOperationException: broken again", Assert.Single(thrown.Errors).Message);
        Assert.Same(good, host.Current);
    }

    [Fact]
    public async Task TheWatcherReloadsAfterAChange()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        string before = host.Current.Version;
        var reloaded = new TaskCompletionSource<RegistrySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Reloaded += s =>
        {
            if (s.Cases.Count == 2)
            {
                reloaded.TrySetResult(s);
            }
        };
        host.StartWatching(TimeSpan.FromMilliseconds(100));

        registry.Write("cases/b.yaml", CaseA.Replace("acme", "bmce", StringComparison.Ordinal));
        var snapshot = await reloaded.Task.WaitAsync(s_patience);

        Assert.NotEqual(before, snapshot.Version);
        Assert.Same(snapshot, host.Current);
    }

    [Fact]
    public async Task TheWatcherReportsABadChangeAndKeepsServing()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        var good = host.Current;
        var failed = new TaskCompletionSource<RegistryLoadException>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.ReloadFailed += e => failed.TrySetResult(e);
        host.StartWatching(TimeSpan.FromMilliseconds(100));

        registry.Write("cases/a.yaml", CaseA + "\ncolour: red\n");
        var error = await failed.Task.WaitAsync(s_patience);

        Assert.Equal("colour", Assert.Single(error.Errors).Key);
        Assert.Same(good, host.Current);
    }

    [Fact]
    public async Task ConcurrentReloadsAreSerializedAndReadersAlwaysSeeAWholeSnapshot()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            int reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var snapshot = host.Current;
                Assert.Single(snapshot.Cases);
                Assert.Same(snapshot.Cases[0], snapshot.Cases[snapshot.Marks[0].CaseOrdinal]);
                reads++;
            }
            return reads;
        });
        var versions = new System.Collections.Concurrent.ConcurrentBag<string>();
        host.Reloaded += s => versions.Add(s.Version);
        Parallel.For(0, 8, _ => host.Reload());
        stop.Cancel();
        Assert.True(await reader > 0);
        Assert.Equal(8, versions.Count);
    }

    [Fact]
    public void AReloadLoadsOnALowPriorityThreadOfItsOwnAndSwapsOnTheCallers()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        // The loader reads its clock once per load (LoadedAt): that tells which thread loaded.
        var clock = new ObservingClock();
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(clock));
        Assert.Equal((Environment.CurrentManagedThreadId, 0), (clock.ReadOn.ThreadId, clock.ReadOn.Nice));
        (int ThreadId, int Nice) reloadedOn = default;
        host.Reloaded += _ => reloadedOn = (Environment.CurrentManagedThreadId, CurrentThreadNice());

        var snapshot = host.Reload();

        Assert.Same(snapshot, host.Current);
        Assert.Equal("ClassifyRpc registry load", clock.ReadOn.Name);
        Assert.NotEqual(Environment.CurrentManagedThreadId, clock.ReadOn.ThreadId);
        // The swap and the events stay on the caller's thread, at its priority.
        Assert.Equal((Environment.CurrentManagedThreadId, 0), reloadedOn);
        if (OperatingSystem.IsLinux())
        {
            // Thread.Priority is not passed on to Linux: the nice value is what the scheduler weighs.
            Assert.Equal(ClassifyRpc.Registry.Internal.LowPriority.LinuxNice, clock.ReadOn.Nice);
        }
    }

    /// <summary>Linux threads inherit the nice value of the thread that creates them: a pool worker, a JIT
    /// worker or a handler's thread started from the load thread would run at low priority for good.</summary>
    [Fact]
    public void NothingStartedAroundAReloadIsLeftAtLowPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        using var registry = TempRegistry.CopyOf(RepoPaths.DefaultRegistry);
        using var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        // A handler that starts a thread, as a logger or a cache warmer may.
        var startedByHandlers = new List<int>();
        host.Reloaded += _ =>
        {
            int nice = -1;
            var thread = new Thread(() => nice = CurrentThreadNice());
            thread.Start();
            thread.Join();
            startedByHandlers.Add(nice);
        };
        for (int i = 0; i < 3; i++)
        {
            host.Reload();
        }

        Assert.Equal([0, 0, 0], startedByHandlers);
        var niced = new List<string>();
        foreach (string task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(task, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // The load threads themselves have ended, but one may still be leaving /proc.
                if (fields[19 - 3] != "0" && !stat.Contains("(ClassifyRpc reg", StringComparison.Ordinal))
                {
                    niced.Add(stat[..(stat.LastIndexOf(')') + 1)]);
                }
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        Assert.Empty(niced);
    }

    private sealed class ObservingClock : TimeProvider
    {
        public (string? Name, int ThreadId, int Nice) ReadOn { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            ReadOn = (Thread.CurrentThread.Name, Environment.CurrentManagedThreadId, CurrentThreadNice());
            return new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        }
    }

    /// <summary>The calling thread's nice value (Linux: field 19 of /proc/thread-self/stat); 0 elsewhere.</summary>
    private static int CurrentThreadNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }
        string stat = File.ReadAllText("/proc/thread-self/stat");
        // Fields after the command name (which may hold spaces, hence the last ')'): state is field 3.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void DisposeIsSafe()
    {
        using var registry = new TempRegistry().Write("cases/a.yaml", CaseA);
        var host = new RegistryHost(registry.Folder, Engines.NewLoader(_clock));
        host.StartWatching(TimeSpan.FromMilliseconds(10));
        var last = host.Current;
        host.Dispose();
        host.Dispose();
        Assert.Throws<ObjectDisposedException>(host.Reload);
        Assert.Throws<ObjectDisposedException>(() => host.StartWatching(TimeSpan.Zero));
        // Still readable: a call in flight may hold the host.
        Assert.Same(last, host.Current);
    }
}
