using ClassifyRpc.Decisions;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Server.Internal;
using ClassifyRpc.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace ClassifyRpc.Server.Services;

/// <summary>
/// classify.v1.Classifier. Thin: it picks the registry snapshot, refuses what cannot be judged, and hands
/// the messages to <see cref="ListingClassifier"/>. Each unary call reads <see cref="RegistryHost.Current"/>
/// once; a stream reads it once per batch, so a long-lived scheduler stream picks up reloads between
/// batches while every DecisionBatch stays consistent with the registry_version it carries.
/// </summary>
internal sealed class ClassifierService : Classifier.ClassifierBase
{
    private readonly RegistryHost _registry;
    private readonly ListingClassifier _classifier;
    private readonly ImageHashCache _images;
    private readonly int _maxBatchListings;
    private readonly int _maxQueryLength;
    private readonly int _maxHashImages;

    public ClassifierService(RegistryHost registry, ListingClassifier classifier, ImageHashCache images, IOptions<ClassifyRpcOptions> options)
    {
        _registry = registry;
        _classifier = classifier;
        _images = images;
        _maxBatchListings = classifier.Limits.MaxBatchListings;
        _maxQueryLength = classifier.Limits.MaxQueryLength;
        _maxHashImages = options.Value.MaxHashImages;
    }

    public override Task<ClassifyResponse> Classify(ClassifyRequest request, ServerCallContext context)
    {
        var snapshot = _registry.Current;
        var listing = request.Listing;
        var violations = _classifier.Validate(listing, "listing");
        if (!ChannelRules.IsJudgeable(request.Channel))
        {
            violations = [new FieldViolation("channel", ChannelRules.Describe(request.Channel)), .. violations];
        }
        if (violations.Count != 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        var decision = _classifier.Classify(snapshot, listing!, request.Channel);
        if (decision.Error.Length != 0)
        {
            // Found only while judging (e.g. an image that does not decode): still the caller's input.
            throw RpcErrors.InvalidArgument("listing", decision.Error);
        }
        return Task.FromResult(new ClassifyResponse { Decision = decision, RegistryVersion = snapshot.Version });
    }

    public override async Task ClassifyStream(IAsyncStreamReader<ClassifyBatch> requestStream, IServerStreamWriter<DecisionBatch> responseStream, ServerCallContext context)
    {
        // Cancelled when the client cancels, disconnects or its deadline passes: reading, judging and
        // writing all stop there.
        var cancellationToken = context.CancellationToken;
        while (await requestStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            var batch = requestStream.Current;
            var snapshot = _registry.Current;
            var output = new DecisionBatch { BatchId = batch.BatchId, RegistryVersion = snapshot.Version };

            if (!ChannelRules.IsJudgeable(batch.Channel))
            {
                BatchErrors.RejectAll(batch, output, "channel: " + ChannelRules.Describe(batch.Channel));
            }
            else if (batch.Listings.Count > _maxBatchListings)
            {
                ClassifyOverLimit(snapshot, batch, output, cancellationToken);
            }
            else
            {
                _classifier.ClassifyBatch(snapshot, batch, output, cancellationToken);
            }

            output.BatchId = batch.BatchId;
            output.RegistryVersion = snapshot.Version;
            await responseStream.WriteAsync(output, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A batch over MaxBatchListings: the first MaxBatchListings are judged, each one past the limit gets
    /// REVIEW and an error saying so. Item-level rather than a stream error because the design wants the
    /// rest of a batch to go on, and a scheduler's other batches on the same stream must not be lost.
    /// </summary>
    private void ClassifyOverLimit(RegistrySnapshot snapshot, ClassifyBatch batch, DecisionBatch output, CancellationToken cancellationToken)
    {
        var head = new ClassifyBatch { BatchId = batch.BatchId, Channel = batch.Channel };
        for (var i = 0; i < _maxBatchListings; i++)
        {
            head.Listings.Add(batch.Listings[i]);
        }
        _classifier.ClassifyBatch(snapshot, head, output, cancellationToken);
        BatchErrors.RejectFrom(batch, _maxBatchListings, output,
            $"over the batch limit: at most {_maxBatchListings} listings per ClassifyBatch are judged (this one has {batch.Listings.Count}); send the rest in another batch");
    }

    public override Task<QueryResponse> ClassifyQuery(QueryRequest request, ServerCallContext context)
    {
        var snapshot = _registry.Current;
        if (request.Query.Length > _maxQueryLength)
        {
            throw RpcErrors.InvalidArgument("query", $"is {request.Query.Length} characters long; at most {_maxQueryLength}");
        }
        // CHANNEL_UNSPECIFIED means SEARCH here (the contract's default); an unknown number is refused.
        if (request.Channel != V1.Channel.Unspecified && !ChannelRules.IsJudgeable(request.Channel))
        {
            throw RpcErrors.InvalidArgument("channel", ChannelRules.Describe(request.Channel));
        }
        var response = _classifier.ClassifyQuery(snapshot, request);
        response.RegistryVersion = snapshot.Version;
        return Task.FromResult(response);
    }

    public override Task<HashImagesResponse> HashImages(HashImagesRequest request, ServerCallContext context)
    {
        var images = request.Images;
        if (images.Count > _maxHashImages)
        {
            throw RpcErrors.InvalidArgument("images", $"holds {images.Count} images; at most {_maxHashImages} per request");
        }

        var cancellationToken = context.CancellationToken;
        var response = new HashImagesResponse();
        for (var i = 0; i < images.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            response.Hashes.Add(ImageHasher.Hash(_images, images[i], i));
        }
        return Task.FromResult(response);
    }
}
