using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;
using ClassifyRpc.V1;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;
using RegistryVerdict = ClassifyRpc.Registry.Verdict;
using Verdict = ClassifyRpc.V1.Verdict;

namespace ClassifyRpc.Decisions.Tests;

/// <summary>
/// The classifier against the rules of DESIGN.md written out the plain way, on <see cref="GeneratedCases"/>
/// (thousands of orders): for each listing, every case in case order decides on its own (authorized,
/// notice, scope), then the text's hits and the images' matches are reported for the cases they belong
/// to. The classifier must give the same verdict and the same evidence in the same order (notices in case
/// order, then title, description and keywords with hits in scan order, then images), on every channel
/// and on two days, one listing at a time and in batches; queries the same response.
/// </summary>
/// <remarks>
/// The reference takes its mark hits from the snapshot's automaton, like the classifier, so what is
/// compared is the rules and not the text engine; the generated marks are found exactly where they are
/// written anyway. Each rule must have been exercised (<see cref="Coverage"/>), so a generator change
/// cannot make the comparison vacuous.
/// </remarks>
public sealed class ThousandsOfCasesTests(GeneratedCases world) : IClassFixture<GeneratedCases>
{
    private static readonly Channel[] s_channels = [Channel.Advertising, Channel.Email, Channel.Search, Channel.Recommendation, Channel.Listing];

    [Fact]
    public void EveryListingGetsTheVerdictAndEvidenceOfTheCaseByCaseRules()
    {
        var coverage = new Coverage();
        foreach (var day in new[] { GeneratedCases.Today, GeneratedCases.Tomorrow })
        {
            var classifier = NewClassifier(day, BatchParallelism.None);
            foreach (var channel in s_channels)
            {
                var reference = new Reference(world, day, channel);
                for (int i = 0; i < world.Listings.Count; i++)
                {
                    var listing = world.Listings[i];
                    var expected = reference.Decide(listing, coverage);
                    var actual = classifier.Classify(world.Snapshot, listing, channel);
                    if (!expected.Equals(actual))
                    {
                        Assert.Fail($"listing {i} on {channel}, {day:yyyy-MM-dd}:\n  expected {expected}\n  actual   {actual}");
                    }
                }
            }
        }

        Assert.All(coverage.Counts(), c => Assert.True(c.Count >= 5, $"only {c.Count} of: {c.What}"));
    }

    [Fact]
    public void BatchesGetTheSameDecisionsInOrder()
    {
        var classifier = NewClassifier(GeneratedCases.Today, new BatchParallelism { MaxWorkers = 4, MinBatchListings = 16 });
        foreach (var channel in s_channels)
        {
            var reference = new Reference(world, GeneratedCases.Today, channel);
            var batch = new ClassifyBatch { BatchId = "b-" + channel, Channel = channel };
            batch.Listings.Add(world.Listings);
            var output = new DecisionBatch();
            classifier.ClassifyBatch(world.Snapshot, batch, output, CancellationToken.None);

            Assert.Equal(world.Listings.Count, output.Decisions.Count);
            for (int i = 0; i < world.Listings.Count; i++)
            {
                var expected = reference.Decide(world.Listings[i], new Coverage());
                if (!expected.Equals(output.Decisions[i]))
                {
                    Assert.Fail($"listing {i} of the batch on {channel}:\n  expected {expected}\n  actual   {output.Decisions[i]}");
                }
            }
        }
    }

    [Fact]
    public void QueriesGetTheCasesTheirMarksBelongTo()
    {
        var classifier = NewClassifier(GeneratedCases.Today, BatchParallelism.None);
        int suppressed = 0, excluding = 0, both = 0;
        foreach (var channel in s_channels)
        {
            var reference = new Reference(world, GeneratedCases.Today, channel);
            foreach (var listing in world.Listings)
            {
                // A query holding several marks: several cases, any_seller and defendants ones together.
                var request = new QueryRequest { Query = listing.Title + " " + listing.Description, Channel = channel };
                var expected = reference.Query(request.Query);
                var actual = classifier.ClassifyQuery(world.Snapshot, request);
                if (!expected.Equals(actual))
                {
                    Assert.Fail($"query \"{request.Query}\" on {channel}:\n  expected {expected}\n  actual   {actual}");
                }
                suppressed += expected.Suppress ? 1 : 0;
                excluding += expected.ExcludedStorefrontIds.Count > 1 ? 1 : 0;
                both += expected.Suppress && expected.ExcludedStorefrontIds.Count > 0 ? 1 : 0;
            }
        }
        Assert.True(suppressed >= 5 && excluding >= 5 && both >= 5, $"suppressed {suppressed}, excluding {excluding}, both {both}");
    }

    /// <summary>How often each rule decided something, over everything the reference judged.</summary>
    private sealed class Coverage
    {
        public int NoticeOutOfScope;
        public int NoticeAuthorized;
        public int NoticeNotEnforced;
        public int MarksNotReported;
        public int UnreliableArtwork;
        public int SeveralCases;
        public int MarksForDefendantsAlone;
        public int ArtworkForDefendantsAlone;
        public readonly int[] Verdicts = new int[4];
        public readonly int[] FuzzyMarks = new int[4];
        public readonly int[] ArtworkVerdicts = new int[4];

        public IEnumerable<(string What, int Count)> Counts() =>
        [
            ("notices on storefronts out of the case's scope", NoticeOutOfScope),
            ("notices silenced by authorization", NoticeAuthorized),
            ("notices of cases that say nothing on the channel that day", NoticeNotEnforced),
            ("mark hits not reported (out of scope, authorized, case not enforced)", MarksNotReported),
            ("fuzzy hits under fuzzy_verdict review", FuzzyMarks[(int)RegistryVerdict.Review]),
            ("fuzzy hits under fuzzy_verdict block", FuzzyMarks[(int)RegistryVerdict.Block]),
            ("artwork blocks", ArtworkVerdicts[(int)RegistryVerdict.Block]),
            ("artwork reviews", ArtworkVerdicts[(int)RegistryVerdict.Review]),
            ("unreliable images held to review", UnreliableArtwork),
            ("decisions with evidence from several cases", SeveralCases),
            ("mark evidence where no any_seller order with marks reaches the storefront", MarksForDefendantsAlone),
            ("artwork evidence where no any_seller order with works reaches the storefront", ArtworkForDefendantsAlone),
            ("ALLOW decisions", Verdicts[(int)RegistryVerdict.Allow]),
            ("REVIEW decisions", Verdicts[(int)RegistryVerdict.Review]),
            ("BLOCK decisions", Verdicts[(int)RegistryVerdict.Block]),
        ];
    }

    private ListingClassifier NewClassifier(DateOnly day, BatchParallelism parallelism) =>
        new(Engines.NewProber(), new FakeClock(day.Year, day.Month, day.Day), ClassifierLimits.Default, parallelism);

    /// <summary>The rules for one day and channel, case by case.</summary>
    private sealed class Reference
    {
        private readonly RegistrySnapshot _snapshot;
        private readonly IReadOnlyList<PdqHash> _workHashes;
        private readonly List<Case> _enforced = [];
        private readonly bool[] _isEnforced;
        private readonly MarkHitBuffer _hits = new(16);

        public Reference(GeneratedCases world, DateOnly day, Channel channel)
        {
            var snapshot = world.Snapshot;
            _snapshot = snapshot;
            _workHashes = world.WorkHashes;
            _isEnforced = new bool[snapshot.Cases.Count];
            foreach (var k in snapshot.Cases)
            {
                // Active: effective_from <= today < expires; only an enforced channel counts.
                bool active = k.EffectiveFrom <= day && (k.Expires is null || day < k.Expires.Value);
                if (active && k.Channels[(int)channel] == ChannelState.Enforced)
                {
                    _enforced.Add(k);
                    _isEnforced[k.Ordinal] = true;
                }
            }
        }

        public Decision Decide(Listing listing, Coverage coverage)
        {
            var decision = new Decision { ListingId = listing.ListingId };
            var best = RegistryVerdict.Allow;
            string storefront = listing.StorefrontId;

            foreach (var k in _enforced)
            {
                if (k.AuthorizedSellers.Contains(storefront))
                {
                    coverage.NoticeAuthorized += k.Notices.ContainsKey(listing.ListingId) ? 1 : 0;
                    continue;
                }
                if (k.Notices.TryGetValue(listing.ListingId, out var notice))
                {
                    best = RegistryVerdict.Block;
                    decision.Evidence.Add(new Evidence { CaseId = k.Id, Verdict = Verdict.Block, Notice = new NoticeMatch { Reference = notice.Reference } });
                    coverage.NoticeOutOfScope += InScope(k, storefront) ? 0 : 1;
                }
            }
            foreach (var k in _snapshot.Cases)
            {
                coverage.NoticeNotEnforced += !_isEnforced[k.Ordinal] && k.Notices.ContainsKey(listing.ListingId) ? 1 : 0;
            }

            best = Max(best, Text(decision, storefront, listing.Title, Field.Title, 0, coverage));
            best = Max(best, Text(decision, storefront, listing.Description, Field.Description, 0, coverage));
            for (int i = 0; i < listing.Keywords.Count; i++)
            {
                best = Max(best, Text(decision, storefront, listing.Keywords[i], Field.Keywords, i, coverage));
            }
            foreach (var image in listing.Images)
            {
                best = Max(best, Artwork(decision, storefront, image, coverage));
            }

            decision.Verdict = (Verdict)best;
            coverage.Verdicts[(int)best]++;
            // Matches of defendants orders where no counting any_seller order with marks (works) reaches the
            // storefront: the classifier must scan (match) for the defendant namings alone.
            if (!_enforced.Any(k => k.Scope == CaseScope.AnySeller && k.Marks.Count > 0 && !k.AuthorizedSellers.Contains(storefront)))
            {
                coverage.MarksForDefendantsAlone += decision.Evidence.Any(e => e.Mark is not null) ? 1 : 0;
            }
            if (!_enforced.Any(k => k.Scope == CaseScope.AnySeller && k.Works.Count > 0 && !k.AuthorizedSellers.Contains(storefront)))
            {
                coverage.ArtworkForDefendantsAlone += decision.Evidence.Any(e => e.Artwork is not null) ? 1 : 0;
            }
            if (decision.Evidence.Select(e => e.CaseId).Distinct().Count() > 1)
            {
                coverage.SeveralCases++;
            }
            return decision;
        }

        public QueryResponse Query(string query)
        {
            var response = new QueryResponse { RegistryVersion = _snapshot.Version, Verdict = Verdict.Allow };
            var best = RegistryVerdict.Allow;
            var cases = new SortedSet<string>(StringComparer.Ordinal);
            var excluded = new SortedSet<string>(StringComparer.Ordinal);
            _hits.Clear();
            _snapshot.Automaton.Scan(query, _hits);
            for (int h = 0; h < _hits.Count; h++)
            {
                var hit = _hits[h];
                var k = _snapshot.Cases[_snapshot.Marks[hit.MarkIndex].CaseOrdinal];
                if (!_isEnforced[k.Ordinal])
                {
                    continue;
                }
                best = Max(best, hit.Edits == 0 ? RegistryVerdict.Block : k.FuzzyVerdict);
                response.Marks.Add(MarkMatch(hit, query, Field.Query, 0));
                cases.Add(k.Id);
                if (k.Scope == CaseScope.AnySeller)
                {
                    response.Suppress = true;
                }
                else
                {
                    excluded.UnionWith(k.Defendants.Where(d => !k.AuthorizedSellers.Contains(d)));
                }
            }
            response.Verdict = (Verdict)best;
            response.CaseIds.Add(cases);
            response.ExcludedStorefrontIds.Add(excluded);
            return response;
        }

        private RegistryVerdict Text(Decision decision, string storefront, string text, Field field, int fieldIndex, Coverage coverage)
        {
            var best = RegistryVerdict.Allow;
            _hits.Clear();
            _snapshot.Automaton.Scan(text, _hits);
            for (int h = 0; h < _hits.Count; h++)
            {
                var hit = _hits[h];
                var k = _snapshot.Cases[_snapshot.Marks[hit.MarkIndex].CaseOrdinal];
                if (!_isEnforced[k.Ordinal] || !InScope(k, storefront))
                {
                    coverage.MarksNotReported++;
                    continue;
                }
                var verdict = hit.Edits == 0 ? RegistryVerdict.Block : k.FuzzyVerdict;
                coverage.FuzzyMarks[(int)verdict] += hit.Edits == 0 ? 0 : 1;
                best = Max(best, verdict);
                decision.Evidence.Add(new Evidence { CaseId = k.Id, Verdict = (Verdict)verdict, Mark = MarkMatch(hit, text, field, fieldIndex) });
            }
            return best;
        }

        private RegistryVerdict Artwork(Decision decision, string storefront, Image image, Coverage coverage)
        {
            Assert.True(PdqHash.TryParseHex(image.PdqHex, out var hash));
            // pdq_hex with quality 0: unknown, taken as reliable; a known quality under 50 yields at most REVIEW.
            bool unreliable = image.Quality != 0 && image.Quality < RegistryDefaults.MinReliableQuality;
            var best = RegistryVerdict.Allow;
            foreach (var work in _snapshot.Works)
            {
                var k = _snapshot.Cases[work.CaseOrdinal];
                if (!_isEnforced[k.Ordinal] || !InScope(k, storefront))
                {
                    continue;
                }
                int distance = PdqHash.Distance(_workHashes[work.Ordinal], hash);
                RegistryVerdict verdict;
                if (distance <= k.BlockDistance)
                {
                    verdict = unreliable ? RegistryVerdict.Review : RegistryVerdict.Block;
                    coverage.UnreliableArtwork += unreliable ? 1 : 0;
                }
                else if (distance <= k.ReviewDistance)
                {
                    verdict = RegistryVerdict.Review;
                }
                else
                {
                    continue;
                }
                coverage.ArtworkVerdicts[(int)verdict]++;
                best = Max(best, verdict);
                decision.Evidence.Add(new Evidence
                {
                    CaseId = k.Id,
                    Verdict = (Verdict)verdict,
                    Artwork = new ArtworkMatch { WorkId = work.Id, ImageId = image.ImageId, Distance = distance, Quality = image.Quality },
                });
            }
            return best;
        }

        /// <summary>Not authorized, and any_seller or named as a defendant.</summary>
        private static bool InScope(Case k, string storefront) =>
            !k.AuthorizedSellers.Contains(storefront) && (k.Scope == CaseScope.AnySeller || k.Defendants.Contains(storefront));


        private MarkMatch MarkMatch(in MarkHit hit, string text, Field field, int fieldIndex) => new()
        {
            MarkId = _snapshot.Marks[hit.MarkIndex].Id,
            Field = field,
            Start = hit.Start,
            Length = hit.Length,
            MatchedText = text.Substring(hit.Start, hit.Length),
            Edits = hit.Edits,
            FieldIndex = fieldIndex,
        };

        private static RegistryVerdict Max(RegistryVerdict a, RegistryVerdict b) => a >= b ? a : b;
    }
}
