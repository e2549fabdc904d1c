namespace ClassifyRpc.Tests;

/// <summary>A clock the test sets: "today" for the decision rules, LoadedAt for snapshots.</summary>
internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public FakeClock(int year, int month, int day)
        : this(new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
