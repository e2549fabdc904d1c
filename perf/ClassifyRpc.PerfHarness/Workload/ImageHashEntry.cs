namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>A PDQ hash that listings can carry as pdq_hex, and where it came from.</summary>
internal sealed record ImageHashEntry(string ImageId, string PdqHex, int Quality);
