using ClassifyRpc.Tests;

namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>tests/data/listings-public.jsonl with its labels, as the shared test corpus reads it.</summary>
internal static class Corpus
{
    public static IReadOnlyList<LabelledListing> All => LabelledCorpus.All;
}
