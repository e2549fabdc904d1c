namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>
/// Runs one scenario on several targets, one at a time, in two windows each: the first windows in the targets' order,
/// the second in reverse (ABBA for two targets, ABCCBA for three). A drift in machine load (other builds on these
/// cores) then weighs on every target alike instead of biasing a ratio, and no two targets are ever driven at once.
/// </summary>
internal static class TargetRotation
{
    /// <summary>Warm-up of a target's second window: its connections are up and its code is jitted already.</summary>
    private static readonly TimeSpan s_shortWarmup = TimeSpan.FromSeconds(0.15);

    /// <summary>Each target's figure over its two windows, by target name. <paramref name="step"/> is told of each window.</summary>
    public static async Task<Dictionary<string, TargetMeasurement>> RunAsync(IReadOnlyList<(string Name, Uri Address)> targets, ScenarioSpec spec,
        ScenarioRequests requests, TimeSpan warmup, TimeSpan duration, Action<string> step, CancellationToken cancellationToken)
    {
        var sessions = new List<TargetSession>(targets.Count);
        try
        {
            // Every target's connections are up before any window, and stay up across both of its windows.
            foreach (var (name, address) in targets)
            {
                sessions.Add(await TargetSession.OpenAsync(name, address, spec, cancellationToken).ConfigureAwait(false));
            }
            var segments = new Dictionary<string, List<MeasuredSegment>>(StringComparer.Ordinal);
            TimeSpan half = duration / 2;
            foreach (TargetSession session in sessions.Concat(Enumerable.Reverse(sessions)))
            {
                List<MeasuredSegment> done = segments.TryGetValue(session.Name, out List<MeasuredSegment>? list) ? list : segments[session.Name] = [];
                // The first window of a target warms it up fully (JIT, pools); the second only restarts the calls.
                TimeSpan warm = done.Count == 0 ? warmup : TimeSpan.FromTicks(Math.Min(warmup.Ticks, s_shortWarmup.Ticks));
                step($"{spec.Name} -> {session.Name} ({done.Count + 1}/2)");
                done.Add(await session.RunAsync(spec, requests, warm, half, cancellationToken).ConfigureAwait(false));
            }
            return segments.ToDictionary(static p => p.Key, static p => MeasuredSegment.Combine(p.Key, p.Value), StringComparer.Ordinal);
        }
        finally
        {
            foreach (TargetSession session in sessions)
            {
                session.Dispose();
            }
        }
    }
}
