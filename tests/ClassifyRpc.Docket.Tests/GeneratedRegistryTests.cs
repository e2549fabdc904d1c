using System.Text.Json;
using ClassifyRpc.Decisions;
using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;
using V1Verdict = ClassifyRpc.V1.Verdict;

namespace ClassifyRpc.Docket.Tests;

/// <summary>
/// A generated docket is a registry the service accepts, holding what the generator planned; and its listings'
/// labels alone predict the service's verdict on every channel (the point of the labels: tests on a marketplace-sized
/// docket can grade answers without a second engine).
/// </summary>
public sealed class GeneratedRegistryTests(SmallDocket docket) : IClassFixture<SmallDocket>
{
    [Fact]
    public void LoadsWithEverythingPlanned()
    {
        RegistrySnapshot snapshot = docket.Snapshot;
        Assert.Equal(50, snapshot.Cases.Count);
        Assert.Equal(250, snapshot.Marks.Count);
        Assert.Equal(8, snapshot.Works.Count);
        Assert.Equal(45 * 40, snapshot.DefendantCount);
        Assert.Equal(docket.Summary.Notices, snapshot.NoticeCount);
        Assert.All(snapshot.Cases, c => Assert.True(c.IsActive(SmallDocket.Today), $"{c.Id} is not in force"));
        Assert.Equal(5, snapshot.Cases.Count(c => c.Scope == CaseScope.AnySeller));

        var planned = docket.Plan.Marks.ToDictionary(m => m.Id);
        foreach (Mark mark in snapshot.Marks)
        {
            DocketMark expected = planned[mark.Id];
            Assert.Equal(expected.Text, mark.Text);
            Assert.Equal(expected.Fuzzy, mark.Fuzzy);
            Assert.Equal(expected.Word ? ClassifyRpc.Text.MarkMode.Word : ClassifyRpc.Text.MarkMode.Anywhere, mark.Mode);
        }
    }

    [Fact]
    public void LabelsPredictEveryVerdict()
    {
        List<string> wrong = Grade(spacedOutPairs: false, out Dictionary<string, int> kinds);
        Assert.True(wrong.Count == 0, $"{wrong.Count} verdicts differ from the labels; the first ones:\n{string.Join("\n", wrong.Take(10))}");
        // Every kind made it into the sample.
        Assert.All(new[] { "benign", "exact", "obfuscated", "fuzzy" }, k => Assert.True(kinds.GetValueOrDefault(k) > 50, $"only {kinds.GetValueOrDefault(k)} {k} listings"));
    }

    /// <summary>
    /// DESIGN.md step 4: a mark holding a look-alike pair is found "however a listing shows its letters", the pair's
    /// two letters spelled out with a separator between included ("B e r n y" is found): "C.l.a.s.o.j.e.n.t" and
    /// "R o v v o s k e x" are the marks themselves, not a typo.
    /// </summary>
    [Fact]
    public void SpacedOutPairsAreFoundAsTheDesignSays()
    {
        List<string> wrong = Grade(spacedOutPairs: true, out Dictionary<string, int> kinds);
        Assert.True(kinds.Values.Sum() > 0);
        Assert.True(wrong.Count == 0, $"{wrong.Count} verdicts differ from the labels; the first ones:\n{string.Join("\n", wrong.Take(10))}");
    }

    /// <summary>Classifies every generated listing on every channel; returns the answers that differ from what the
    /// label says. <paramref name="spacedOutPairs"/> picks either the listings that spell out a planted mark's
    /// look-alike pair with dots or spaces, or all the others.</summary>
    private List<string> Grade(bool spacedOutPairs, out Dictionary<string, int> kinds) => Grade(docket, spacedOutPairs, out kinds);

    /// <summary><see cref="Grade(bool, out Dictionary{string, int})"/> for any generated docket.</summary>
    internal static List<string> Grade(GeneratedDocket docket, bool spacedOutPairs, out Dictionary<string, int> kinds)
    {
        var classifier = new ListingClassifier(Engines.NewProber(), docket.Clock, ClassifierLimits.Default);
        var orders = docket.Plan.Orders.ToDictionary(o => o.Id);
        var marks = docket.Plan.Marks.ToDictionary(m => m.Id);
        kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var wrong = new List<string>();
        foreach (string line in File.ReadLines(docket.Summary.ListingsFile))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            Listing listing = PlantedListings.Read(root);
            JsonElement label = root.GetProperty("label");
            string kind = label.GetProperty("kind").GetString()!;
            string? mark = label.GetProperty("marks").EnumerateArray().Select(m => m.GetString()).FirstOrDefault();
            string[] transforms = label.GetProperty("transforms").EnumerateArray().Select(t => t.GetString()!).ToArray();
            bool spacedOutPair = mark is not null && marks[mark].HasPair && (transforms.Contains("dots") || transforms.Contains("spaces"));
            if (spacedOutPair != spacedOutPairs)
            {
                continue;
            }
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            DocketOrder? order = label.TryGetProperty("case", out JsonElement caseId) ? orders[caseId.GetString()!] : null;
            string? relation = label.TryGetProperty("relation", out JsonElement r) ? r.GetString() : null;

            foreach (var (channel, name) in PlantedListings.Channels)
            {
                V1Verdict expected = order is null || relation != DocketLabel.InScope || order.StayedChannels.Contains(name) ? V1Verdict.Allow
                    : kind == "fuzzy" ? (order.FuzzyBlocks ? V1Verdict.Block : V1Verdict.Review)
                    : V1Verdict.Block;
                Decision decision = classifier.Classify(docket.Snapshot, listing, channel);
                bool evidenceRight = expected == V1Verdict.Allow
                    ? decision.Evidence.Count == 0
                    : decision.Evidence.All(e => e.CaseId == order!.Id && e.Mark is { } m && m.MarkId == mark && m.Edits == (kind == "fuzzy" ? 1 : 0));
                if (decision.Verdict != expected || !evidenceRight)
                {
                    wrong.Add($"{line}\n  {name}: expected {expected}, got {decision.Verdict} {decision.Evidence}");
                }
            }
        }
        return wrong;
    }
}
