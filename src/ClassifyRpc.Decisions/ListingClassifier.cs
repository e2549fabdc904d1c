using System.Runtime.CompilerServices;
using ClassifyRpc.Decisions.Internal;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Text;
using ClassifyRpc.V1;
using Channel = ClassifyRpc.V1.Channel;
using RegistryVerdict = ClassifyRpc.Registry.Verdict;
using Verdict = ClassifyRpc.V1.Verdict;

namespace ClassifyRpc.Decisions;

/// <summary>
/// The decision rules of DESIGN.md over one registry snapshot, straight on the contract's messages
/// (no copies of listing text). Thread-safe; scratch state is per thread.
/// </summary>
/// <remarks>
/// "Today" is the UTC date of <see cref="Clock"/>, read once per call (once per batch: a batch is judged
/// on one day even if it straddles midnight). What a snapshot says on a channel that day is flattened
/// once into a <see cref="DecisionPlan"/> and cached per channel, so judging a listing is a scan of its
/// text, a catalog lookup per image, and look-ups of what concerns the listing: its storefront's namings,
/// its id's notices, each hit's case. No case is visited for itself, so a listing costs
/// O(text + hits + its storefront's namings) however many cases the registry holds.
/// </remarks>
[SkipLocalsInit]
public sealed class ListingClassifier
{
    private const int CancellationCheckInterval = 64;

    private readonly DecisionPlan?[] _plans = new DecisionPlan?[6];

    /// <summary>Threads judging a batch right now (callers and helpers): a batch spreads only over the
    /// workers <see cref="BatchParallelism.MaxWorkers"/> leaves free.</summary>
    private int _activeWorkers;
    private long _splitBatches;

    public ListingClassifier(ImageProber prober, TimeProvider clock, ClassifierLimits limits)
        : this(prober, clock, limits, BatchParallelism.Default)
    {
    }

    public ListingClassifier(ImageProber prober, TimeProvider clock, ClassifierLimits limits, BatchParallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(parallelism);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism.MaxWorkers, 1, nameof(parallelism));
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism.MinBatchListings, 1, nameof(parallelism));
        Prober = prober;
        Clock = clock;
        Limits = limits;
        Parallelism = parallelism;
    }

    public ImageProber Prober { get; }

    public TimeProvider Clock { get; }

    public ClassifierLimits Limits { get; }

    public BatchParallelism Parallelism { get; }

    /// <summary>Threads judging a batch at this moment (tests).</summary>
    internal int ActiveWorkers => Volatile.Read(ref _activeWorkers);

    /// <summary>Batches that were spread over more than one thread so far (tests, diagnostics).</summary>
    internal long SplitBatches => Interlocked.Read(ref _splitBatches);

    /// <summary>Problems that make this listing impossible to judge (empty when it can be judged).
    /// Used by unary calls to answer INVALID_ARGUMENT; <paramref name="prefix"/> prefixes field paths.
    /// Decodes the listing's images (an undecodable image is such a problem); use
    /// <see cref="TryClassify"/> to validate and judge with one decode.</summary>
    public IReadOnlyList<FieldViolation> Validate(Listing? listing, string prefix)
    {
        List<FieldViolation>? violations = null;
        CheckListing(listing, prefix, ref violations);
        if (violations is null && listing is not null)
        {
            var scratch = ClassifierScratch.Current;
            ProbeImages(listing, prefix, scratch, ref violations);
            scratch.ReleaseProbes(listing.Images.Count);
        }
        return violations ?? (IReadOnlyList<FieldViolation>)[];
    }

    /// <summary>Judges one listing on one channel. An item that cannot be judged (invalid, undecodable
    /// image, over a limit) gets REVIEW and <c>error</c>: never ALLOW by failure.</summary>
    public Decision Classify(RegistrySnapshot snapshot, Listing listing, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        DecisionPlan? plan = TryGetPlan(snapshot, channel, Today());
        return JudgeSafely(plan, listing, channel, "", out _);
    }

    /// <summary>
    /// Validates and judges in one pass (images decoded once), for unary calls: false with the
    /// violations (field paths under <paramref name="prefix"/>, channel as <c>channel</c>) when the
    /// listing cannot be judged; the decision is then the REVIEW-with-error one a batch would carry.
    /// </summary>
    public bool TryClassify(RegistrySnapshot snapshot, Listing? listing, Channel channel, string prefix,
        out Decision decision, out IReadOnlyList<FieldViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        DecisionPlan? plan = TryGetPlan(snapshot, channel, Today());
        decision = JudgeSafely(plan, listing, channel, prefix, out var found);
        violations = found ?? (IReadOnlyList<FieldViolation>)[];
        return found is null;
    }

    /// <summary>Judges every listing of a batch into <paramref name="output"/>, in order (one decision
    /// per listing; <c>batch_id</c> and <c>registry_version</c> are filled in too). A batch without a
    /// channel, and listings past <see cref="ClassifierLimits.MaxBatchListings"/>, get REVIEW with an
    /// error; the rest of the batch goes on. A batch of at least <see cref="BatchParallelism.MinBatchListings"/>
    /// listings is judged by as many threads as <see cref="Parallelism"/> leaves free (see
    /// <see cref="BatchParallelism"/>); its decisions are the same, in the same order.</summary>
    public void ClassifyBatch(RegistrySnapshot snapshot, ClassifyBatch batch, DecisionBatch output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(output);
        output.BatchId = batch.BatchId;
        output.RegistryVersion = snapshot.Version;

        var listings = batch.Listings;
        var decisions = output.Decisions;
        if (decisions.Capacity < decisions.Count + listings.Count)
        {
            // One allocation for the whole batch instead of log2(n) doublings and copies.
            decisions.Capacity = decisions.Count + listings.Count;
        }
        DecisionPlan? plan = TryGetPlan(snapshot, batch.Channel, Today());
        string? batchError = plan is null ? ChannelError(batch.Channel) : null;
        int busy = Interlocked.Increment(ref _activeWorkers);
        try
        {
            int chunkListings = 0;
            int helpers = batchError is null ? HelpersFor(listings, busy, out chunkListings) : 0;
            if (helpers > 0)
            {
                Interlocked.Increment(ref _splitBatches);
                var job = new BatchJob(this, listings, plan, batch.Channel, batchError, chunkListings, cancellationToken);
                for (int h = 0; h < helpers; h++)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
                }
                job.RunAndCollect(decisions);
                return;
            }
            for (int i = 0; i < listings.Count; i++)
            {
                if (i % CancellationCheckInterval == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                decisions.Add(JudgeItem(plan, batchError, listings[i], i, batch.Channel));
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activeWorkers);
        }
    }

    /// <summary>
    /// Threads to call in besides the caller: none for a batch too small to be worth a hand-off, else as many
    /// as the idle workers and the batch's chunks allow. An image given as bytes costs milliseconds (decode
    /// and hash) against about a microsecond for a text listing, so each counts as
    /// <see cref="BatchParallelism.MinBatchListings"/> listings: a batch of a few images is spread too.
    /// </summary>
    private int HelpersFor(Google.Protobuf.Collections.RepeatedField<Listing> listings, int busy, out int chunkListings)
    {
        chunkListings = 0;
        int idle = Parallelism.MaxWorkers - busy;
        int count = listings.Count;
        if (idle <= 0 || count < 2)
        {
            return 0;
        }
        int min = Parallelism.MinBatchListings;
        long weight = count;
        for (int i = 0; i < count && weight < min; i++)
        {
            var images = listings[i].Images;
            for (int j = 0; j < images.Count; j++)
            {
                if (images[j].SourceCase == Image.SourceOneofCase.Content)
                {
                    weight += min;
                }
            }
        }
        if (weight < min)
        {
            return 0;
        }
        chunkListings = BatchJob.ChunkListings(count, idle + 1);
        int chunks = (count + chunkListings - 1) / chunkListings;
        return Math.Min(idle, chunks - 1);
    }

    /// <summary>The decision for the listing at <paramref name="index"/> of a batch.</summary>
    internal Decision JudgeItem(DecisionPlan? plan, string? batchError, Listing listing, int index, Channel channel)
    {
        if (batchError is not null)
        {
            return ErrorDecision(listing, "channel: " + batchError);
        }
        int limit = Limits.MaxBatchListings;
        if (index >= limit)
        {
            return ErrorDecision(listing, $"batch: more than {limit} listings; this one was not judged");
        }
        return JudgeSafely(plan, listing, channel, "", out _);
    }

    internal void EnterWorker() => Interlocked.Increment(ref _activeWorkers);

    internal void ExitWorker() => Interlocked.Decrement(ref _activeWorkers);

    /// <summary>ClassifyQuery: marks in a search query or ad keyword (channel defaults to SEARCH). A
    /// query that cannot be judged (over the length limit, unknown channel) gets REVIEW with no marks;
    /// <see cref="ValidateQuery"/> names the problem for an INVALID_ARGUMENT answer.</summary>
    public QueryResponse ClassifyQuery(RegistrySnapshot snapshot, QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var response = new QueryResponse { RegistryVersion = snapshot.Version, Verdict = Verdict.Allow };
        Channel channel = request.Channel == Channel.Unspecified ? Channel.Search : request.Channel;
        DecisionPlan? plan = TryGetPlan(snapshot, channel, Today());
        if (plan is null || request.Query.Length > Limits.MaxQueryLength)
        {
            response.Verdict = Verdict.Review;
            return response;
        }
        if (!plan.AnyMarks || request.Query.Length == 0)
        {
            return response;
        }

        var scratch = ClassifierScratch.Current;
        scratch.BeginQuery(plan.Index.Cases.Length);
        var matched = scratch.MatchedCases;
        var matchedOrdinals = scratch.MatchedCaseOrdinals;
        var hits = scratch.Hits;
        hits.Clear();
        string query = request.Query;
        snapshot.Automaton.Scan(query, hits);
        RegistryVerdict best = RegistryVerdict.Allow;
        for (int h = 0; h < hits.Count; h++)
        {
            ref readonly MarkHit hit = ref hits[h];
            int c = plan.Index.MarkCase[hit.MarkIndex];
            if (plan.Traits[c] == CaseTraits.None)
            {
                continue;
            }
            var verdict = hit.Edits == 0 ? RegistryVerdict.Block : plan.Index.Cases[c].FuzzyVerdict;
            best = Max(best, verdict);
            if (!matched[c])
            {
                matched[c] = true;
                matchedOrdinals.Add(c);
            }
            response.Marks.Add(NewMarkMatch(plan, in hit, query, Field.Query, 0));
        }
        hits.Clear();
        response.Verdict = (Verdict)best;
        if (best == RegistryVerdict.Allow)
        {
            return response;
        }

        // The matched cases in hit order: what is collected from them is sorted below, so order is moot.
        List<string>? caseIds = null;
        List<string>? excluded = null;
        for (int i = 0; i < matchedOrdinals.Count; i++)
        {
            var k = plan.Index.Cases[matchedOrdinals[i]];
            (caseIds ??= []).Add(k.Id);
            if (k.Scope == CaseScope.AnySeller)
            {
                response.Suppress = true;
                continue;
            }
            excluded ??= [];
            foreach (string storefront in k.Defendants)
            {
                // Authorized sellers win over everything for their case, so they are never excluded by it.
                if (!k.AuthorizedSellers.Contains(storefront))
                {
                    excluded.Add(storefront);
                }
            }
        }
        if (caseIds is not null)
        {
            caseIds.Sort(StringComparer.Ordinal);
            response.CaseIds.AddRange(caseIds);
        }
        if (excluded is not null)
        {
            excluded.Sort(StringComparer.Ordinal);
            for (int i = 0; i < excluded.Count; i++)
            {
                if (i == 0 || !string.Equals(excluded[i], excluded[i - 1], StringComparison.Ordinal))
                {
                    response.ExcludedStorefrontIds.Add(excluded[i]);
                }
            }
        }
        return response;
    }

    /// <summary>Problems of a query request (length, channel), for INVALID_ARGUMENT.</summary>
    public IReadOnlyList<FieldViolation> ValidateQuery(QueryRequest? request, string prefix)
    {
        List<FieldViolation>? violations = null;
        if (request is null)
        {
            Add(ref violations, prefix.Length == 0 ? "request" : prefix, "required");
            return violations!;
        }
        if (request.Query.Length > Limits.MaxQueryLength)
        {
            Add(ref violations, Join(prefix, "query"), $"longer than {Limits.MaxQueryLength} characters");
        }
        if (request.Channel != Channel.Unspecified && !IsKnownChannel(request.Channel))
        {
            Add(ref violations, Join(prefix, "channel"), $"unknown channel {(int)request.Channel}");
        }
        return violations ?? (IReadOnlyList<FieldViolation>)[];
    }

    // ---- judging one listing ------------------------------------------------------------------------

    private Decision JudgeSafely(DecisionPlan? plan, Listing? listing, Channel channel, string prefix, out List<FieldViolation>? violations)
    {
        violations = null;
        try
        {
            return Judge(plan, listing, channel, prefix, ref violations);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of ours must not become an ALLOW, nor take the rest of a batch down with it.
            return ErrorDecision(listing, $"could not be judged: {e.GetType().Name}: {e.Message}");
        }
    }

    private Decision Judge(DecisionPlan? plan, Listing? listing, Channel channel, string prefix, ref List<FieldViolation>? violations)
    {
        if (plan is null)
        {
            Add(ref violations, "channel", ChannelError(channel));
        }
        CheckListing(listing, prefix, ref violations);
        if (violations is not null)
        {
            return ErrorDecision(listing, violations);
        }

        var scratch = ClassifierScratch.Current;
        int imageCount = listing!.Images.Count;
        try
        {
            ProbeImages(listing, prefix, scratch, ref violations);
            if (violations is not null)
            {
                return ErrorDecision(listing, violations);
            }
            return Decide(plan!, listing, scratch);
        }
        finally
        {
            scratch.ReleaseProbes(imageCount);
        }
    }

    /// <summary>The rules, on a listing whose fields are within limits and whose images are probed.</summary>
    private static Decision Decide(DecisionPlan plan, Listing listing, ClassifierScratch scratch)
    {
        var decision = new Decision { ListingId = listing.ListingId, Verdict = Verdict.Allow };
        if (plan.EnforcedCount == 0)
        {
            return decision;
        }

        // How the cases see this storefront: one look-up, then only the cases that name it.
        var storefront = new StorefrontScope(plan, listing.StorefrontId);
        var best = RegistryVerdict.Allow;

        // Notices first, in case order: they count whatever the storefront, unless the case authorizes it.
        var notices = plan.Index.NoticesOf(listing.ListingId);
        for (int i = 0; i < notices.Length; i++)
        {
            ref readonly var notice = ref notices[i];
            if (!storefront.HearsNoticesOf(notice.Case))
            {
                continue;
            }
            best = RegistryVerdict.Block;
            decision.Evidence.Add(new Evidence
            {
                CaseId = plan.Index.Cases[notice.Case].Id,
                Verdict = Verdict.Block,
                Notice = new NoticeMatch { Reference = notice.Notice.Reference },
            });
        }

        if (storefront.ScansText)
        {
            best = Max(best, ScanField(plan, scratch, in storefront, decision, listing.Title, Field.Title, 0));
            best = Max(best, ScanField(plan, scratch, in storefront, decision, listing.Description, Field.Description, 0));
            var keywords = listing.Keywords;
            for (int i = 0; i < keywords.Count; i++)
            {
                best = Max(best, ScanField(plan, scratch, in storefront, decision, keywords[i], Field.Keywords, i));
            }
        }
        if (storefront.MatchesArtwork)
        {
            var images = listing.Images;
            for (int i = 0; i < images.Count; i++)
            {
                best = Max(best, MatchImage(plan, scratch, in storefront, decision, images[i], i));
            }
        }
        decision.Verdict = (Verdict)best;
        return decision;
    }

    // Not inlined: the automaton's fast pass inlines into this, and a profile should show the scan as the
    // scan rather than as the rules (one call per field is nothing next to the scan itself).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RegistryVerdict ScanField(DecisionPlan plan, ClassifierScratch scratch, in StorefrontScope storefront, Decision decision, string text, Field field, int fieldIndex)
    {
        if (text.Length == 0)
        {
            return RegistryVerdict.Allow;
        }
        var hits = scratch.Hits;
        hits.Clear();
        storefront.Scan(plan.Snapshot, text, hits);
        var best = RegistryVerdict.Allow;
        for (int h = 0; h < hits.Count; h++)
        {
            ref readonly MarkHit hit = ref hits[h];
            int c = plan.Index.MarkCase[hit.MarkIndex];
            if (!storefront.Reaches(c))
            {
                continue; // out of scope, authorized, or the case says nothing here: not reported
            }
            var k = plan.Index.Cases[c];
            var verdict = hit.Edits == 0 ? RegistryVerdict.Block : k.FuzzyVerdict;
            best = Max(best, verdict);
            decision.Evidence.Add(new Evidence
            {
                CaseId = k.Id,
                Verdict = (Verdict)verdict,
                Mark = NewMarkMatch(plan, in hit, text, field, fieldIndex),
            });
        }
        hits.Clear();
        return best;
    }

    private static RegistryVerdict MatchImage(DecisionPlan plan, ClassifierScratch scratch, in StorefrontScope storefront, Decision decision, Image image, int index)
    {
        var probe = scratch.Probes[index]!;
        var hits = scratch.ArtworkHits;
        hits.Clear();
        plan.Snapshot.Artwork.FindWithin(probe, plan.MaxReviewDistance, hits);
        var best = RegistryVerdict.Allow;
        int quality = scratch.Qualities[index];
        bool unreliable = scratch.QualityKnown[index] && quality < RegistryDefaults.MinReliableQuality;
        for (int h = 0; h < hits.Count; h++)
        {
            var hit = hits[h];
            int c = plan.Index.WorkCase[hit.WorkOrdinal];
            if (!storefront.Reaches(c))
            {
                continue;
            }
            var k = plan.Index.Cases[c];
            RegistryVerdict verdict;
            if (hit.Distance <= k.BlockDistance)
            {
                // An unreliable hash cannot carry a BLOCK on its own: a person looks at it.
                verdict = unreliable ? RegistryVerdict.Review : RegistryVerdict.Block;
            }
            else if (hit.Distance <= k.ReviewDistance)
            {
                verdict = RegistryVerdict.Review;
            }
            else
            {
                continue; // within another case's review distance, not this one's
            }
            best = Max(best, verdict);
            decision.Evidence.Add(new Evidence
            {
                CaseId = k.Id,
                Verdict = (Verdict)verdict,
                Artwork = new ArtworkMatch
                {
                    WorkId = plan.Index.WorkIds[hit.WorkOrdinal],
                    ImageId = image.ImageId,
                    Distance = hit.Distance,
                    Quality = quality,
                },
            });
        }
        hits.Clear();
        return best;
    }

    private static MarkMatch NewMarkMatch(DecisionPlan plan, in MarkHit hit, string text, Field field, int fieldIndex) => new()
    {
        MarkId = plan.Index.MarkIds[hit.MarkIndex],
        Field = field,
        Start = hit.Start,
        Length = hit.Length,
        MatchedText = text.Substring(hit.Start, hit.Length),
        Edits = hit.Edits,
        FieldIndex = fieldIndex,
    };

    // ---- validation ---------------------------------------------------------------------------------

    /// <summary>Everything that can be checked without decoding an image.</summary>
    private void CheckListing(Listing? listing, string prefix, ref List<FieldViolation>? violations)
    {
        if (listing is null)
        {
            Add(ref violations, prefix.Length == 0 ? "listing" : prefix, "required");
            return;
        }
        var limits = Limits;
        if (listing.ListingId.Length == 0)
        {
            Add(ref violations, Join(prefix, "listing_id"), "required");
        }
        else if (listing.ListingId.Length > limits.MaxIdLength)
        {
            Add(ref violations, Join(prefix, "listing_id"), $"longer than {limits.MaxIdLength} characters");
        }
        if (listing.StorefrontId.Length > limits.MaxIdLength)
        {
            Add(ref violations, Join(prefix, "storefront_id"), $"longer than {limits.MaxIdLength} characters");
        }
        if (listing.Title.Length > limits.MaxTitleLength)
        {
            Add(ref violations, Join(prefix, "title"), $"longer than {limits.MaxTitleLength} characters");
        }
        if (listing.Description.Length > limits.MaxDescriptionLength)
        {
            Add(ref violations, Join(prefix, "description"), $"longer than {limits.MaxDescriptionLength} characters");
        }
        var keywords = listing.Keywords;
        if (keywords.Count > limits.MaxKeywords)
        {
            Add(ref violations, Join(prefix, "keywords"), $"more than {limits.MaxKeywords} keywords");
        }
        else
        {
            for (int i = 0; i < keywords.Count; i++)
            {
                if (keywords[i].Length > limits.MaxKeywordLength)
                {
                    Add(ref violations, Join(prefix, $"keywords[{i}]"), $"longer than {limits.MaxKeywordLength} characters");
                }
            }
        }
        var images = listing.Images;
        if (images.Count > limits.MaxImages)
        {
            Add(ref violations, Join(prefix, "images"), $"more than {limits.MaxImages} images");
            return;
        }
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i];
            if (image.ImageId.Length > limits.MaxIdLength)
            {
                Add(ref violations, Join(prefix, $"images[{i}].image_id"), $"longer than {limits.MaxIdLength} characters");
            }
            switch (image.SourceCase)
            {
                case Image.SourceOneofCase.None:
                    Add(ref violations, Join(prefix, $"images[{i}]"), "needs content or pdq_hex");
                    break;
                case Image.SourceOneofCase.Content when image.Content.Length == 0:
                    Add(ref violations, Join(prefix, $"images[{i}].content"), "empty");
                    break;
                case Image.SourceOneofCase.PdqHex when image.Quality is < 0 or > 100:
                    Add(ref violations, Join(prefix, $"images[{i}].quality"), "must be 0 (unknown) to 100");
                    break;
            }
        }
    }

    /// <summary>
    /// Turns each image into catalog lookups: bytes are decoded and probed (crops, borders), a
    /// <c>pdq_hex</c> is parsed and looked up as is. With <c>pdq_hex</c>, <c>quality</c> 0 means unknown:
    /// the hash is then taken as reliable (a caller who hashed with HashImages has the quality and
    /// should send it); with bytes the hasher's own quality is used and the field is ignored.
    /// </summary>
    private void ProbeImages(Listing listing, string prefix, ClassifierScratch scratch, ref List<FieldViolation>? violations)
    {
        var images = listing.Images;
        scratch.EnsureImages(images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i];
            if (image.SourceCase == Image.SourceOneofCase.Content)
            {
                try
                {
                    var probe = Prober.Probe(image.Content.Span);
                    scratch.Probes[i] = probe;
                    scratch.Qualities[i] = probe.Quality;
                    scratch.QualityKnown[i] = true;
                }
                catch (ImageDecodeException e)
                {
                    Add(ref violations, Join(prefix, $"images[{i}].content"), e.Message);
                }
            }
            else if (PdqHash.TryParseHex(image.PdqHex, out var hash))
            {
                scratch.Probes[i] = ImageProbe.FromHash(hash, image.Quality);
                scratch.Qualities[i] = image.Quality;
                scratch.QualityKnown[i] = image.Quality != 0;
            }
            else
            {
                Add(ref violations, Join(prefix, $"images[{i}].pdq_hex"), "not a PDQ hash (64 hex digits)");
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private DateOnly Today() => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>The cached plan of (snapshot, today, channel), or null for a channel that is not one of
    /// the five. A stale entry (older snapshot, another day) is replaced; two threads racing to replace
    /// it build equal plans, so the race is harmless.</summary>
    private DecisionPlan? TryGetPlan(RegistrySnapshot snapshot, Channel channel, DateOnly today)
    {
        if (!IsKnownChannel(channel))
        {
            return null;
        }
        ref DecisionPlan? slot = ref _plans[(int)channel];
        var plan = Volatile.Read(ref slot);
        if (plan is null || !ReferenceEquals(plan.Snapshot, snapshot) || plan.Day != today)
        {
            plan = DecisionPlan.Build(snapshot, today, (PromotionChannel)(int)channel);
            Volatile.Write(ref slot, plan);
        }
        return plan;
    }

    private static bool IsKnownChannel(Channel channel) => channel is >= Channel.Advertising and <= Channel.Listing;

    private static string ChannelError(Channel channel) =>
        channel == Channel.Unspecified ? "CHANNEL_UNSPECIFIED; name the promotion channel" : $"unknown channel {(int)channel}";

    private static RegistryVerdict Max(RegistryVerdict a, RegistryVerdict b) => a >= b ? a : b;

    private static string Join(string prefix, string field) => prefix.Length == 0 ? field : prefix + "." + field;

    private static void Add(ref List<FieldViolation>? violations, string field, string description) =>
        (violations ??= []).Add(new FieldViolation(field, description));

    private static Decision ErrorDecision(Listing? listing, List<FieldViolation> violations)
    {
        var error = new System.Text.StringBuilder();
        foreach (var v in violations)
        {
            if (error.Length > 0)
            {
                error.Append("; ");
            }
            error.Append(v.Field).Append(": ").Append(v.Description);
        }
        return ErrorDecision(listing, error.ToString());
    }

    /// <summary>REVIEW with the reason: an item that cannot be judged is never allowed.</summary>
    private static Decision ErrorDecision(Listing? listing, string error) => new()
    {
        ListingId = listing?.ListingId ?? "",
        Verdict = Verdict.Review,
        Error = error,
    };
}
