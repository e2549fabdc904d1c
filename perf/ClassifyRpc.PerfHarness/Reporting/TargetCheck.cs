namespace ClassifyRpc.PerfHarness.Reporting;

/// <summary>One of issue 5's targets, as measured in this run.</summary>
internal sealed record TargetCheck(string Target, string Measured, bool? Met);
