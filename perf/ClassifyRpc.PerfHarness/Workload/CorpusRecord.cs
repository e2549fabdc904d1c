namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>One line of tests/data/listings-public.jsonl, without its label (the harness measures, it does not grade).</summary>
internal sealed record CorpusRecord(string ListingId, string StorefrontId, string Title, string Description, string[] Keywords);
