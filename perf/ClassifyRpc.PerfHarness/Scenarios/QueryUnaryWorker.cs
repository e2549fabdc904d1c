using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.V1;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>Unary ClassifyQuery; an answer is right when it carries a verdict.</summary>
internal sealed class QueryUnaryWorker : UnaryWorker
{
    private readonly CallInvoker _invoker;
    private readonly Serialized<QueryRequest>[] _requests;

    public QueryUnaryWorker(CallInvoker invoker, Serialized<QueryRequest>[] requests)
    {
        _invoker = invoker;
        _requests = requests;
    }

    protected override int Count => _requests.Length;

    protected override async Task<string?> CallAsync(int index, CancellationToken cancellationToken)
    {
        QueryResponse response = await _invoker.AsyncUnaryCall(PreSerializedMethods.ClassifyQuery, host: null, new CallOptions(cancellationToken: cancellationToken), _requests[index]).ConfigureAwait(false);
        return response.Verdict == Verdict.Unspecified ? $"no verdict for query '{_requests[index].Message.Query}'" : null;
    }
}
