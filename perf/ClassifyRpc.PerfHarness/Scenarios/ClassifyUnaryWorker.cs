using ClassifyRpc.PerfHarness.Targets;
using ClassifyRpc.V1;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Scenarios;

/// <summary>Unary Classify; an answer is right when its decision is for the listing asked about.</summary>
internal sealed class ClassifyUnaryWorker : UnaryWorker
{
    private readonly CallInvoker _invoker;
    private readonly Serialized<ClassifyRequest>[] _requests;

    public ClassifyUnaryWorker(CallInvoker invoker, Serialized<ClassifyRequest>[] requests)
    {
        _invoker = invoker;
        _requests = requests;
    }

    protected override int Count => _requests.Length;

    protected override async Task<string?> CallAsync(int index, CancellationToken cancellationToken)
    {
        Serialized<ClassifyRequest> serialized = _requests[index];
        ClassifyRequest request = serialized.Message;
        ClassifyResponse response = await _invoker.AsyncUnaryCall(PreSerializedMethods.Classify, host: null, new CallOptions(cancellationToken: cancellationToken), serialized).ConfigureAwait(false);
        return response.Decision?.ListingId == request.Listing.ListingId
            ? null
            : $"answer for '{response.Decision?.ListingId}' to a call about '{request.Listing.ListingId}'";
    }
}
