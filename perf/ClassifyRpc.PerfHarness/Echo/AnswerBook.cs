using ClassifyRpc.PerfHarness.Workload;
using ClassifyRpc.V1;
using Google.Protobuf;
using Grpc.Core;

namespace ClassifyRpc.PerfHarness.Echo;

/// <summary>
/// The answers the echo gives, prepared before any timing: for every distinct listing the Decision the real service
/// gave it (asked once, in setup, over the same channel), and for every query its QueryResponse. The echo therefore
/// returns answers of exactly the service's size and shape without classifying anything. Without a service (echo-only
/// runs) the answers are synthesized: ALLOW with no evidence, which is smaller than real answers; the JSON says so.
/// </summary>
internal sealed class AnswerBook
{
    private readonly Dictionary<string, Decision> _decisions;
    private readonly Dictionary<string, ClassifyResponse> _unary;
    private readonly Dictionary<string, QueryResponse> _queries;

    private AnswerBook(Dictionary<string, Decision> decisions, Dictionary<string, QueryResponse> queries, string registryVersion, bool synthesized)
    {
        _decisions = decisions;
        _queries = queries;
        RegistryVersion = registryVersion;
        Synthesized = synthesized;
        _unary = new Dictionary<string, ClassifyResponse>(decisions.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, Decision> pair in decisions)
        {
            _unary[pair.Key] = new ClassifyResponse { Decision = pair.Value, RegistryVersion = registryVersion };
        }
    }

    public string RegistryVersion { get; }

    public bool Synthesized { get; }

    public int Count => _decisions.Count;

    public bool TryGetDecision(string listingId, out Decision decision) => _decisions.TryGetValue(listingId, out decision!);

    public bool TryGetResponse(string listingId, out ClassifyResponse response) => _unary.TryGetValue(listingId, out response!);

    public bool TryGetQuery(string query, out QueryResponse response) => _queries.TryGetValue(query, out response!);

    /// <summary>Verdict counts over the prepared decisions, for the JSON (shows the work was real).</summary>
    public Dictionary<string, int> VerdictCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Decision decision in _decisions.Values)
        {
            string key = decision.Error.Length > 0 ? "ERROR" : decision.Verdict.ToString().ToUpperInvariant();
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    /// <summary>Mean serialized Decision size in bytes: identical for service and echo by construction.</summary>
    public double MeanDecisionBytes()
    {
        long total = 0;
        foreach (Decision decision in _decisions.Values)
        {
            total += decision.CalculateSize();
        }
        return _decisions.Count == 0 ? 0 : (double)total / _decisions.Count;
    }

    public static AnswerBook Synthesize(WorkloadSet workload)
    {
        var decisions = new Dictionary<string, Decision>(workload.DistinctListings, StringComparer.Ordinal);
        foreach (ImageMode mode in Enum.GetValues<ImageMode>())
        {
            foreach (Listing listing in workload.Pool(mode))
            {
                decisions[listing.ListingId] = new Decision { ListingId = listing.ListingId, Verdict = Verdict.Allow };
            }
        }
        var queries = new Dictionary<string, QueryResponse>(workload.Queries.Length, StringComparer.Ordinal);
        foreach (string query in workload.Queries)
        {
            queries[query] = new QueryResponse { Verdict = Verdict.Allow, RegistryVersion = "synthesized" };
        }
        return new AnswerBook(decisions, queries, "synthesized", synthesized: true);
    }

    /// <summary>Asks the real service once per distinct listing (streamed, in the scenarios' own batch shapes) and per query.</summary>
    public static async Task<AnswerBook> RecordAsync(Classifier.ClassifierClient service, WorkloadSet workload, CancellationToken cancellationToken)
    {
        var decisions = new Dictionary<string, Decision>(workload.DistinctListings, StringComparer.Ordinal);
        string registryVersion = "";
        foreach (ImageMode mode in Enum.GetValues<ImageMode>())
        {
            // Byte listings past the twins repeat a twin's text and pixels: their answers are derived below.
            Listing[] pool = mode == ImageMode.Bytes ? workload.BytesListings[..workload.BytesTwins] : workload.Pool(mode);
            if (pool.Length == 0)
            {
                continue;
            }
            int batchSize = mode == ImageMode.Bytes ? WorkloadSet.MaxBytesBatch : 1_000;
            using AsyncDuplexStreamingCall<ClassifyBatch, DecisionBatch> call = service.ClassifyStream(cancellationToken: cancellationToken);
            // One batch in flight at a time: setup is not timed, and this keeps the server's queue short.
            int budget = workload.MaxMessageBytes - 64 * 1024;
            int cursor = 0;
            while (cursor < pool.Length)
            {
                var batch = new ClassifyBatch { BatchId = "setup-" + cursor, Channel = WorkloadSet.Channel };
                int size = 0;
                while (cursor < pool.Length && batch.Listings.Count < batchSize)
                {
                    int listingSize = CodedOutputStream.ComputeMessageSize(pool[cursor]) + 1;
                    if (mode == ImageMode.Bytes && batch.Listings.Count > 0 && size + listingSize > budget)
                    {
                        break;
                    }
                    batch.Listings.Add(pool[cursor++]);
                    size += listingSize;
                }
                await call.RequestStream.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                if (!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    throw new InvalidOperationException("the service closed ClassifyStream before answering a setup batch");
                }
                DecisionBatch answer = call.ResponseStream.Current;
                if (answer.Decisions.Count != batch.Listings.Count)
                {
                    throw new InvalidOperationException($"the service answered {answer.Decisions.Count} decisions for a batch of {batch.Listings.Count}");
                }
                for (int i = 0; i < answer.Decisions.Count; i++)
                {
                    Decision decision = answer.Decisions[i];
                    if (decision.ListingId != batch.Listings[i].ListingId)
                    {
                        throw new InvalidOperationException($"decision {i} of batch {batch.BatchId} is for '{decision.ListingId}', not '{batch.Listings[i].ListingId}'");
                    }
                    decisions[decision.ListingId] = decision;
                }
                registryVersion = answer.RegistryVersion;
            }
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            while (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
            }
        }

        DeriveTwinAnswers(workload, decisions);
        await VerifyTwinsAsync(service, workload, decisions, cancellationToken).ConfigureAwait(false);

        var queries = new Dictionary<string, QueryResponse>(workload.Queries.Length, StringComparer.Ordinal);
        QueryRequest[] requests = workload.BuildQueryRequests();
        // Sixty-four at a time: the query set is a few thousand short strings.
        for (int start = 0; start < requests.Length; start += 64)
        {
            int end = Math.Min(requests.Length, start + 64);
            var pending = new Task<QueryResponse>[end - start];
            for (int i = start; i < end; i++)
            {
                pending[i - start] = service.ClassifyQueryAsync(requests[i], cancellationToken: cancellationToken).ResponseAsync;
            }
            QueryResponse[] answers = await Task.WhenAll(pending).ConfigureAwait(false);
            for (int i = start; i < end; i++)
            {
                queries[requests[i].Query] = answers[i - start];
            }
        }
        return new AnswerBook(decisions, queries, registryVersion, synthesized: false);
    }

    private static void DeriveTwinAnswers(WorkloadSet workload, Dictionary<string, Decision> decisions)
    {
        Listing[] bytes = workload.BytesListings;
        for (int i = workload.BytesTwins; i < bytes.Length; i++)
        {
            Decision derived = decisions[bytes[i % workload.BytesTwins].ListingId].Clone();
            derived.ListingId = bytes[i].ListingId;
            decisions[derived.ListingId] = derived;
        }
    }

    /// <summary>
    /// Derived answers must be what the service would say: ask it about a sample of derived listings and compare. This
    /// also proves the service decodes the trailer-carrying bytes like the originals.
    /// </summary>
    private static async Task VerifyTwinsAsync(Classifier.ClassifierClient service, WorkloadSet workload, Dictionary<string, Decision> decisions, CancellationToken cancellationToken)
    {
        Listing[] bytes = workload.BytesListings;
        int sample = Math.Min(bytes.Length - workload.BytesTwins, workload.BytesTwins);
        // A dozen spread over the derived range: each is a real decode, and setup time counts against the run.
        for (int i = workload.BytesTwins; i < workload.BytesTwins + sample; i += Math.Max(1, sample / 12))
        {
            ClassifyResponse answer = await service.ClassifyAsync(new ClassifyRequest { Listing = bytes[i], Channel = WorkloadSet.Channel }, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!answer.Decision.Equals(decisions[bytes[i].ListingId]))
            {
                throw new InvalidOperationException($"the service's answer for byte listing {bytes[i].ListingId} ({answer.Decision}) differs from its twin's ({decisions[bytes[i].ListingId]}): the echo's answers would not be the service's");
            }
        }
    }
}
