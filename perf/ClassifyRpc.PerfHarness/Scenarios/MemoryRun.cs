using System.Diagnostics;
using ClassifyRpc.PerfHarness.Reporting;
using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.V1;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// The flat-memory run: ClassifyStream, batches of 1,000 on 4 streams, text and pdq_hex listings alternating, without
/// pause for the whole duration, while the server's VmRSS is sampled every second from /proc.
/// </summary>
internal static class MemoryRun
{
    public static async Task<MemoryResult> RunAsync(Uri address, int serverPid, WorkloadSet workload, TimeSpan duration, ProgressLine progress, CancellationToken cancellationToken)
    {
        ScenarioSpec spec = ScenarioSpec.Stream(1_000, 4);
        ClassifyBatch[] text = workload.BuildBatches(ImageMode.None, spec.BatchSize);
        ClassifyBatch[] pdq = workload.BuildBatches(ImageMode.PdqHex, spec.BatchSize);
        var mixed = new ClassifyBatch[text.Length + pdq.Length];
        for (int i = 0, t = 0, p = 0; i < mixed.Length; i++)
        {
            mixed[i] = (i % 2 == 1 && p < pdq.Length) || t >= text.Length ? pdq[p++] : text[t++];
        }

        long startRss = ProcStatus.ReadRssBytes(serverPid) ?? throw new InvalidOperationException($"cannot read /proc/{serverPid}/status");
        var samples = new List<MemorySample> { new(0, startRss) };
        progress.Step($"memory: {spec.Name} text+pdq_hex for {duration.TotalSeconds:0} s, server VmRSS {Format.Mb(startRss)}");

        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        Task sampler = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            try
            {
                while (await timer.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
                {
                    if (ProcStatus.ReadRssBytes(serverPid) is long rss)
                    {
                        lock (samples)
                        {
                            samples.Add(new MemorySample(Math.Round(clock.Elapsed.TotalSeconds, 1), rss));
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);

        TargetMeasurement run;
        using (TargetSession session = await TargetSession.OpenAsync("service", address, spec, cancellationToken).ConfigureAwait(false))
        {
            MeasuredSegment segment = await session.RunAsync(spec, ScenarioRequests.FromBatches(mixed), TimeSpan.Zero, duration, cancellationToken).ConfigureAwait(false);
            run = MeasuredSegment.Combine("service", [segment]);
        }
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);

        long endRss = ProcStatus.ReadRssBytes(serverPid) ?? samples[^1].RssBytes;
        samples.Add(new MemorySample(Math.Round(clock.Elapsed.TotalSeconds, 1), endRss));
        long min = long.MaxValue, max = 0, firstHalfMax = 0, secondHalfMax = 0;
        double half = clock.Elapsed.TotalSeconds / 2;
        foreach (MemorySample sample in samples)
        {
            min = Math.Min(min, sample.RssBytes);
            max = Math.Max(max, sample.RssBytes);
            if (sample.Seconds <= half)
            {
                firstHalfMax = Math.Max(firstHalfMax, sample.RssBytes);
            }
            else
            {
                secondHalfMax = Math.Max(secondHalfMax, sample.RssBytes);
            }
        }
        // Two ways not to be flat: growing (the second half above the first half's peak: a leak or a pool without
        // bound), or climbing on the way (a peak well above both ends: a GC budget sized for another load, which
        // the first rule alone let pass as flat at 0.9-2 GB).
        bool growing = secondHalfMax > firstHalfMax * 1.05;
        bool climbed = max > Math.Max(startRss, endRss) * MemoryResult.PeakAllowance;
        var result = new MemoryResult(spec.Name + " text+pdq_hex", run.Seconds, startRss, endRss, min, max, samples, run.Listings, run.ListingsPerSecond, run.Errors, growing, climbed);
        progress.Done($"memory: VmRSS {Format.Mb(startRss)} -> {Format.Mb(endRss)} (max {Format.Mb(max)}), {Format.Rate(run.ListingsPerSecond)} listings/s: {result.Verdict}");
        return result;
    }
}
