using ClassifyRpc.Decisions;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;
using ClassifyRpc.V1;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Decisions.Tests;

/// <summary>
/// The whole public corpus through <see cref="ListingClassifier.ClassifyBatch"/> on each channel with the
/// bundled registry, against an oracle that knows nothing of the classifier: it reads the corpus labels
/// (which marks a listing carries and how: exact, obfuscated, fuzzy, benign) and the registry's plain
/// facts (the case table below, transcribed from registry/cases/*.yaml, and the defendants and notices
/// files read line by line), and applies DESIGN's rules by hand.
/// </summary>
/// <remarks>
/// A listing labelled <c>fuzzy</c> carries a one-typo spelling, but some typos land on the mark's own
/// normalized form (deleting one letter of a doubled pair: "Snuglewomp" is "snugglewomp" once repeats
/// collapse), and the rules call that an exact (normalized) match. The oracle decides it by containment:
/// a field whose <see cref="TextNormalizer.Normalize"/> form, word boundaries and repeats removed,
/// contains a form of the mark (its text with one trailing plural s dropped, or a variant, normalized
/// the same way) is an exact match; otherwise the case's fuzzy_verdict applies.
/// </remarks>
public sealed class CorpusTests
{
    private static readonly DateOnly s_today = new(2025, 6, 1);

    private sealed record OracleCase(
        string Id, DateOnly From, DateOnly? Expires, bool AnySeller, Channel[] Enforced, string[] Marks,
        HashSet<string> Defendants, HashSet<string> Authorized, Dictionary<string, string> Notices);

    private sealed record Labelled(Listing Listing, string Kind, string[] Marks);

    private static readonly Dictionary<string, string[]> s_markForms = new()
    {
        ["squishmallows"] = ["Squishmallows", "Squishmallowing", "Squish Mallow"],
        ["snugglewomp"] = ["Snugglewomp"],
    };

    private static List<OracleCase> Cases()
    {
        string registry = RepoPaths.DefaultRegistry;
        return
        [
            new("kelly-toys-v-19885566-store", new(2023, 7, 31), null, AnySeller: false,
                [Channel.Advertising, Channel.Email, Channel.Search, Channel.Recommendation], ["squishmallows"],
                ReadIds(Path.Combine(registry, "defendants", "kelly-toys-v-19885566-store.txt")), ["kellytoys-official"],
                ReadNotices(Path.Combine(registry, "notices", "kelly-toys-v-19885566-store.csv"))),
            new("lumi-labs-v-doe-sellers", new(2025, 1, 15), new(2099, 1, 1), AnySeller: false,
                [Channel.Advertising, Channel.Email], ["lumi"],
                ReadIds(Path.Combine(registry, "defendants", "lumi-labs-v-doe-sellers.txt")), [], []),
            new("womp-works-v-schedule-a", new(2024, 3, 1), null, AnySeller: true,
                [Channel.Advertising, Channel.Email, Channel.Search, Channel.Recommendation, Channel.Listing], ["snugglewomp", "womp-pals"],
                [], ["snugglewomp-official"], []),
        ];
    }

    private static HashSet<string> ReadIds(string path) =>
        File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();

    private static Dictionary<string, string> ReadNotices(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[2]);

    private static List<Labelled> ReadCorpus()
    {
        var corpus = new List<Labelled>(LabelledCorpus.All.Count);
        foreach (var item in LabelledCorpus.All)
        {
            corpus.Add(new Labelled(item.Listing, item.Kind, [.. item.Marks]));
        }
        return corpus;
    }

    private static string Squash(string text)
    {
        string joined = TextNormalizer.Normalize(text).Replace(" ", "", StringComparison.Ordinal);
        var collapsed = new System.Text.StringBuilder(joined.Length);
        foreach (char c in joined)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c)
            {
                collapsed.Append(c);
            }
        }
        return collapsed.ToString();
    }

    private static bool NormalizedContains(Listing listing, string markId)
    {
        var forms = s_markForms[markId].Select((form, i) =>
        {
            string squashed = Squash(form);
            return i == 0 && squashed.EndsWith('s') ? squashed[..^1] : squashed;
        }).ToArray();
        var fields = new List<string> { listing.Title, listing.Description };
        fields.AddRange(listing.Keywords);
        return fields.Any(field => forms.Any(form => Squash(field).Contains(form, StringComparison.Ordinal)));
    }

    private static Verdict Oracle(Labelled item, Channel channel, List<OracleCase> cases)
    {
        var best = Verdict.Allow;
        foreach (var k in cases)
        {
            bool active = k.From <= s_today && (k.Expires is null || s_today < k.Expires);
            if (!active || !k.Enforced.Contains(channel) || k.Authorized.Contains(item.Listing.StorefrontId))
            {
                continue;
            }
            if (k.Notices.ContainsKey(item.Listing.ListingId))
            {
                best = Verdict.Block;
            }
            if (!k.AnySeller && !k.Defendants.Contains(item.Listing.StorefrontId))
            {
                continue;
            }
            foreach (string mark in item.Marks.Where(k.Marks.Contains))
            {
                var verdict = item.Kind switch
                {
                    "exact" or "obfuscated" => Verdict.Block,
                    "fuzzy" => NormalizedContains(item.Listing, mark) ? Verdict.Block : Verdict.Review, // every case here: fuzzy_verdict review
                    _ => throw new InvalidOperationException("label kind " + item.Kind),
                };
                best = (Verdict)Math.Max((int)best, (int)verdict);
            }
        }
        return best;
    }

    public static TheoryData<Channel> Channels => new(Channel.Advertising, Channel.Email, Channel.Search, Channel.Recommendation, Channel.Listing);

    [Theory]
    [MemberData(nameof(Channels))]
    public void EveryListingGetsTheVerdictTheRulesGive(Channel channel)
    {
        var corpus = ReadCorpus();
        var cases = Cases();
        var snapshot = Engines.NewLoader(new FakeClock(2025, 6, 1)).Load(RepoPaths.DefaultRegistry);
        var classifier = new ListingClassifier(Engines.NewProber(), new FakeClock(2025, 6, 1), ClassifierLimits.Default);
        var batch = new ClassifyBatch { BatchId = "corpus", Channel = channel };
        batch.Listings.Add(corpus.Select(c => c.Listing));
        var output = new DecisionBatch();

        classifier.ClassifyBatch(snapshot, batch, output, CancellationToken.None);

        Assert.Equal(corpus.Count, output.Decisions.Count);
        var wrong = new List<string>();
        var counts = new Dictionary<Verdict, int>();
        for (int i = 0; i < corpus.Count; i++)
        {
            var item = corpus[i];
            var decision = output.Decisions[i];
            var expected = Oracle(item, channel, cases);
            counts[expected] = counts.GetValueOrDefault(expected) + 1;
            Assert.Equal(item.Listing.ListingId, decision.ListingId);
            Assert.Equal("", decision.Error);
            if (decision.Verdict != expected)
            {
                wrong.Add($"{item.Listing.ListingId} [{item.Kind} {string.Join(",", item.Marks)}] storefront {item.Listing.StorefrontId}: expected {expected}, got {decision.Verdict} {decision.Evidence}");
                continue;
            }
            CheckEvidence(item, decision, cases);
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} wrong verdicts on {channel}:\n" + string.Join("\n", wrong.Take(30)));
        // The corpus exercises the rules on every channel where a case is enforced.
        Assert.True(counts.GetValueOrDefault(Verdict.Block) > 100, "too few BLOCK verdicts to mean anything");
        Assert.True(counts.GetValueOrDefault(Verdict.Review) > 20, "too few REVIEW verdicts to mean anything");
        Assert.True(counts.GetValueOrDefault(Verdict.Allow) > 1000);
    }

    /// <summary>Evidence: only for non-ALLOW, only marks the label names (or a notice), each with the
    /// original substring and a verdict no stronger than the listing's.</summary>
    private static void CheckEvidence(Labelled item, Decision decision, List<OracleCase> cases)
    {
        if (decision.Verdict == Verdict.Allow)
        {
            Assert.Empty(decision.Evidence);
            return;
        }
        Assert.NotEmpty(decision.Evidence);
        Assert.Contains(decision.Evidence, e => e.Verdict == decision.Verdict);
        foreach (var evidence in decision.Evidence)
        {
            Assert.True(evidence.Verdict <= decision.Verdict);
            var k = cases.Single(c => c.Id == evidence.CaseId);
            if (evidence.KindCase == Evidence.KindOneofCase.Notice)
            {
                Assert.Equal(k.Notices[item.Listing.ListingId], evidence.Notice.Reference);
                continue;
            }
            var mark = evidence.Mark;
            Assert.Contains(mark.MarkId, item.Marks);
            Assert.Contains(mark.MarkId, k.Marks);
            string field = mark.Field switch
            {
                Field.Title => item.Listing.Title,
                Field.Description => item.Listing.Description,
                Field.Keywords => item.Listing.Keywords[mark.FieldIndex],
                _ => throw new InvalidOperationException("field " + mark.Field),
            };
            Assert.Equal(field.Substring(mark.Start, mark.Length), mark.MatchedText);
            Assert.Equal(mark.Edits == 0 ? Verdict.Block : Verdict.Review, evidence.Verdict);
        }
    }
}
