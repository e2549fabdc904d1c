using ClassifyRpc.Decisions;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Decisions.Tests;

/// <summary>The hot path allocates its output and nothing else (scratch is per thread, the plan cached).</summary>
public sealed class AllocationTests(RulesRegistry registry) : IClassFixture<RulesRegistry>
{
    private const int Rounds = 200;

    [Fact]
    public void AnAllowedListingAllocatesOnlyItsDecision()
    {
        var classifier = new ListingClassifier(registry.Prober, new FakeClock(2024, 6, 1), ClassifierLimits.Default);
        var listing = new Listing
        {
            ListingId = "L-1",
            StorefrontId = "def-1", // in scope of both cases: the text is scanned for both
            Title = "Soft plush bear, great gift for children",
            Description = "Machine washable. Alpha quality widget-free stuffing.",
        };
        listing.Keywords.Add(["plush", "bear", "gift"]);

        // Warm up: plan, scratch buffers, JIT.
        Assert.Equal(Verdict.Allow, classifier.Classify(registry.Snapshot, listing, Channel.Advertising).Verdict);

        long decisionOnly = Measure(() => new Decision { ListingId = listing.ListingId, Verdict = Verdict.Allow });
        long classify = Measure(() => classifier.Classify(registry.Snapshot, listing, Channel.Advertising));
        Assert.Equal(decisionOnly, classify);
    }

    [Fact]
    public void ABlockedListingAllocatesOnlyItsDecisionAndEvidence()
    {
        var classifier = new ListingClassifier(registry.Prober, new FakeClock(2024, 6, 1), ClassifierLimits.Default);
        var listing = new Listing { ListingId = "L-1", StorefrontId = "def-1", Title = "Alphawidget plush" };
        var warm = classifier.Classify(registry.Snapshot, listing, Channel.Advertising);
        Assert.Equal(Verdict.Block, warm.Verdict);
        var hit = warm.Evidence[0].Mark;

        long expected = Measure(() =>
        {
            var decision = new Decision { ListingId = listing.ListingId, Verdict = Verdict.Block };
            decision.Evidence.Add(new Evidence
            {
                CaseId = RulesRegistry.Alpha,
                Verdict = Verdict.Block,
                Mark = new MarkMatch
                {
                    MarkId = hit.MarkId, Field = hit.Field, Start = hit.Start, Length = hit.Length,
                    MatchedText = listing.Title.Substring(hit.Start, hit.Length), Edits = hit.Edits,
                },
            });
            return decision;
        });
        long classify = Measure(() => classifier.Classify(registry.Snapshot, listing, Channel.Advertising));
        Assert.Equal(expected, classify);
    }

    private static long Measure(Func<Decision> action)
    {
        action();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Rounds; i++)
        {
            GC.KeepAlive(action());
        }
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Rounds;
    }
}
