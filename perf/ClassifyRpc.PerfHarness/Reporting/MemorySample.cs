namespace ClassifyRpc.PerfHarness.Reporting;

internal sealed record MemorySample(double Seconds, long RssBytes);
