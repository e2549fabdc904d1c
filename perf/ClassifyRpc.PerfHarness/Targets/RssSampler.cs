namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// Samples a process's VmRSS in the background and keeps the peak: "RSS under load" is the highest point while the
/// scenarios run, which a reading before and after them can miss (a GC returns memory between the two).
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public RssSampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        Sample();
        _sampling = Task.Run(() => LoopAsync(interval));
    }

    /// <summary>The highest VmRSS seen so far, or null if none could be read.</summary>
    public long? PeakBytes => Interlocked.Read(ref _peak) is > 0 and var peak ? peak : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        Sample();
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Sample()
    {
        if (ProcStatus.ReadRssBytes(_pid) is long rss)
        {
            long seen;
            while (rss > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, rss, seen) != seen)
            {
            }
        }
    }
}
