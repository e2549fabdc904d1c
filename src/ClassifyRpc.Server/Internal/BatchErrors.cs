using ClassifyRpc.V1;

namespace ClassifyRpc.Server.Internal;

/// <summary>Decisions for items that cannot be judged: REVIEW with the reason, never ALLOW by failure.</summary>
internal static class BatchErrors
{
    public static void RejectAll(ClassifyBatch batch, DecisionBatch output, string error) => RejectFrom(batch, 0, output, error);

    public static void RejectFrom(ClassifyBatch batch, int first, DecisionBatch output, string error)
    {
        var listings = batch.Listings;
        for (var i = first; i < listings.Count; i++)
        {
            output.Decisions.Add(new Decision { ListingId = listings[i].ListingId, Verdict = Verdict.Review, Error = error });
        }
    }
}
