namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>One answered batch of a stream, in Stopwatch ticks: when it was handed to the stream and when its answer was
/// read. Kept only where a run is cut into windows afterwards (the reload scenario's before and during).</summary>
internal readonly record struct BatchTiming(long SentTicks, long ReceivedTicks, int Listings);
