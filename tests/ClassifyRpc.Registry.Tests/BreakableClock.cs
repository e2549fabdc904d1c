namespace ClassifyRpc.Tests;

/// <summary>A clock that throws <see cref="Failure"/> once it is set: an engine failing in a way the loader
/// does not expect (the snapshot's LoadedAt is read at the end of every load).</summary>
internal sealed class BreakableClock : TimeProvider
{
    public Exception? Failure { get; set; }

    public override DateTimeOffset GetUtcNow() => Failure is { } failure ? throw failure : new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
}
