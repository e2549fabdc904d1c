using ClassifyRpc.V1;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>Unary Classify; an answer is right when its decision is for the listing asked about.</summary>
internal sealed class ClassifyUnaryWorker : UnaryWorker
{
    private readonly Classifier.ClassifierClient _client;
    private readonly ClassifyRequest[] _requests;

    public ClassifyUnaryWorker(Classifier.ClassifierClient client, ClassifyRequest[] requests)
    {
        _client = client;
        _requests = requests;
    }

    protected override int Count => _requests.Length;

    protected override async Task<string?> CallAsync(int index, CancellationToken cancellationToken)
    {
        ClassifyRequest request = _requests[index];
        ClassifyResponse response = await _client.ClassifyAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Decision?.ListingId == request.Listing.ListingId
            ? null
            : $"answer for '{response.Decision?.ListingId}' to a call about '{request.Listing.ListingId}'";
    }
}
