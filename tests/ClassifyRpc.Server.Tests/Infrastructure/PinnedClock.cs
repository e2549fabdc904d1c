namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>A clock the test sets: "today" in the decision rules comes from it.</summary>
internal sealed class PinnedClock : TimeProvider
{
    private long _utcTicks;

    public PinnedClock(DateOnly today) => Today = today;

    public DateOnly Today
    {
        get => DateOnly.FromDateTime(new DateTime(Interlocked.Read(ref _utcTicks), DateTimeKind.Utc));
        // Noon UTC, so nothing depends on which side of midnight a time zone would put it.
        set => Interlocked.Exchange(ref _utcTicks, value.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).Ticks);
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);
}
