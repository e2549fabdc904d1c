using ClassifyRpc.V1;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Echo;

/// <summary>
/// The baseline, owned by the harness and never part of the product: it takes the service's messages and returns, from
/// the <see cref="AnswerBook"/>, the answers the real service gave for the same listings, so the difference between
/// the two is what classification itself costs. It does the least a correct implementation must (one dictionary
/// look-up per listing, one response message per batch, in order) and no more.
/// </summary>
internal sealed class EchoClassifierService : Classifier.ClassifierBase
{
    private readonly AnswerBook _book;

    public EchoClassifierService(AnswerBook book)
    {
        _book = book;
    }

    public override Task<ClassifyResponse> Classify(ClassifyRequest request, ServerCallContext context)
    {
        if (!_book.TryGetResponse(request.Listing?.ListingId ?? "", out ClassifyResponse response))
        {
            throw Unprepared(request.Listing?.ListingId);
        }
        return Task.FromResult(response);
    }

    public override async Task ClassifyStream(IAsyncStreamReader<ClassifyBatch> requestStream, IServerStreamWriter<DecisionBatch> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            ClassifyBatch batch = requestStream.Current;
            var answer = new DecisionBatch { BatchId = batch.BatchId, RegistryVersion = _book.RegistryVersion };
            foreach (Listing listing in batch.Listings)
            {
                if (!_book.TryGetDecision(listing.ListingId, out Decision decision))
                {
                    throw Unprepared(listing.ListingId);
                }
                answer.Decisions.Add(decision);
            }
            await responseStream.WriteAsync(answer, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<QueryResponse> ClassifyQuery(QueryRequest request, ServerCallContext context)
    {
        if (!_book.TryGetQuery(request.Query, out QueryResponse response))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"echo: no answer prepared for query '{request.Query}'"));
        }
        return Task.FromResult(response);
    }

    private static RpcException Unprepared(string? listingId) =>
        new(new Status(StatusCode.FailedPrecondition, $"echo: no answer prepared for listing '{listingId}'"));
}
