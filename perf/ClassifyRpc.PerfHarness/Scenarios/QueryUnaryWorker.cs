using ClassifyRpc.V1;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>Unary ClassifyQuery; an answer is right when it carries a verdict.</summary>
internal sealed class QueryUnaryWorker : UnaryWorker
{
    private readonly Classifier.ClassifierClient _client;
    private readonly QueryRequest[] _requests;

    public QueryUnaryWorker(Classifier.ClassifierClient client, QueryRequest[] requests)
    {
        _client = client;
        _requests = requests;
    }

    protected override int Count => _requests.Length;

    protected override async Task<string?> CallAsync(int index, CancellationToken cancellationToken)
    {
        QueryResponse response = await _client.ClassifyQueryAsync(_requests[index], cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Verdict == Verdict.Unspecified ? $"no verdict for query '{_requests[index].Query}'" : null;
    }
}
