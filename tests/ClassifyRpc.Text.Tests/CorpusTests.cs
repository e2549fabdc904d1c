using System.Text.Json;
using ClassifyRpc.Tests;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The labelled corpora against their registries' marks: the public corpus (tests/data/listings-public.jsonl)
/// with the bundled registry, and the look-alike pairs corpus (tests/data/listings-pairs.jsonl) with the pairs
/// registry's. Every labelled mark is found in its labelled field, and nothing at all is found in a benign
/// listing. The corpora were built to the design's normalization, so any miss is an engine bug.
/// </summary>
public sealed class CorpusTests
{
    private sealed record Listing(string Id, string Title, string Description, string[] Keywords, string Kind, string[] Marks, string? Field, string Transforms);

    /// <summary>Each corpus with its registry's fuzzy marks compiled both ways (expanded, as small registries
    /// are; verified anchors, as dockets of thousands of fuzzy marks are).</summary>
    public static TheoryData<string> Corpora() => ["public", "pairs", "public/verified", "pairs/verified"];

    private static (MarkAutomaton Automaton, MarkDefinition[] Marks) RegistryOf(string corpus) => corpus switch
    {
        "public" => (MarkFixture.Registry.Value, MarkFixture.RegistryMarks),
        "public/verified" => (MarkFixture.VerifiedRegistry.Value, MarkFixture.RegistryMarks),
        "pairs" => (s_pairs.Value, MarkFixture.PairsMarks),
        _ => (s_pairsVerified.Value, MarkFixture.PairsMarks),
    };

    private static readonly Lazy<MarkAutomaton> s_pairs = new(() => MarkAutomaton.Build(MarkFixture.PairsMarks));
    private static readonly Lazy<MarkAutomaton> s_pairsVerified = new(() => MarkFixture.Verified(MarkFixture.PairsMarks));

    private static List<Listing> LoadCorpus(string corpus = "public")
    {
        var listings = new List<Listing>();
        foreach (string line in File.ReadLines(RepoPaths.Data($"listings-{corpus.Split('/')[0]}.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            JsonElement label = root.GetProperty("label");
            listings.Add(new Listing(
                root.GetProperty("listing_id").GetString()!,
                root.GetProperty("title").GetString() ?? "",
                root.GetProperty("description").GetString() ?? "",
                [.. root.GetProperty("keywords").EnumerateArray().Select(k => k.GetString() ?? "")],
                label.GetProperty("kind").GetString()!,
                [.. label.GetProperty("marks").EnumerateArray().Select(m => m.GetString()!)],
                label.TryGetProperty("field", out JsonElement field) ? field.GetString() : null,
                string.Join(",", label.GetProperty("transforms").EnumerateArray().Select(t => t.GetString()))));
        }
        return listings;
    }

    private static IEnumerable<(string Field, string Text)> Fields(Listing listing)
    {
        yield return ("title", listing.Title);
        yield return ("description", listing.Description);
        foreach (string keyword in listing.Keywords)
        {
            yield return ("keywords", keyword);
        }
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void CorpusIsTheFullSet(string name)
    {
        List<Listing> corpus = LoadCorpus(name);
        Assert.Equal(3000, corpus.Count);
        Assert.Contains(corpus, l => l.Kind == "benign");
        Assert.Contains(corpus, l => l.Kind == "fuzzy");
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void EveryLabelledMarkIsFoundInItsField(string corpus)
    {
        var (automaton, marks) = RegistryOf(corpus);
        var misses = new List<string>();
        int checkedCount = 0;
        foreach (Listing listing in LoadCorpus(corpus))
        {
            if (listing.Kind == "benign")
            {
                continue;
            }
            Assert.NotNull(listing.Field);
            foreach (string mark in listing.Marks)
            {
                checkedCount++;
                bool found = false;
                foreach ((string field, string text) in Fields(listing))
                {
                    if (field != listing.Field)
                    {
                        continue;
                    }
                    foreach (var hit in MarkFixture.Scan(automaton, marks, text))
                    {
                        // Offsets map back to the original text, and the matched text is never empty
                        // nor starts or ends with whitespace.
                        Assert.False(string.IsNullOrWhiteSpace(hit.Text));
                        Assert.Equal(hit.Text.Trim(), hit.Text);
                        found |= hit.Mark == mark;
                    }
                }
                if (!found)
                {
                    misses.Add($"{listing.Id} {listing.Kind} [{listing.Transforms}] {mark} in {listing.Field}: " +
                        string.Join(" | ", Fields(listing).Where(f => f.Field == listing.Field).Select(f => f.Text)));
                }
            }
        }
        Assert.True(checkedCount > 1200);
        Assert.True(misses.Count == 0, $"{misses.Count} of {checkedCount} labelled marks missed:\n" + string.Join("\n", misses.Take(60)));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void NothingIsFoundInBenignListings(string corpus)
    {
        var (automaton, marks) = RegistryOf(corpus);
        var falseHits = new List<string>();
        int benign = 0;
        foreach (Listing listing in LoadCorpus(corpus))
        {
            if (listing.Kind != "benign")
            {
                continue;
            }
            benign++;
            foreach ((string field, string text) in Fields(listing))
            {
                foreach (var hit in MarkFixture.Scan(automaton, marks, text))
                {
                    falseHits.Add($"{listing.Id} [{listing.Transforms}] {field}: {hit.Mark} edits={hit.Edits} '{hit.Text}' in: {text}");
                }
            }
        }
        Assert.True(benign > 900);
        Assert.True(falseHits.Count == 0, $"{falseHits.Count} hits in benign listings:\n" + string.Join("\n", falseHits.Take(60)));
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void WholeCorpusAsOneTextScansLikeTheDetailedPass(string corpus)
    {
        var (automaton, _) = RegistryOf(corpus);
        string text = string.Join("\n", LoadCorpus(corpus).SelectMany(l => Fields(l).Select(f => f.Text)));
        var fast = new MarkHitBuffer();
        var detailed = new MarkHitBuffer();
        automaton.Scan(text, fast);
        automaton.ScanDetailed(text, detailed);
        Assert.True(fast.Count > 1200);
        Assert.Equal(detailed.AsSpan().ToArray(), fast.AsSpan().ToArray());
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void LabelledListingsMentionNoOtherMark(string corpus)
    {
        var (automaton, marks) = RegistryOf(corpus);
        var extra = new List<string>();
        foreach (Listing listing in LoadCorpus(corpus))
        {
            if (listing.Kind == "benign")
            {
                continue;
            }
            foreach ((string field, string text) in Fields(listing))
            {
                foreach (var hit in MarkFixture.Scan(automaton, marks, text))
                {
                    if (Array.IndexOf(listing.Marks, hit.Mark) < 0)
                    {
                        extra.Add($"{listing.Id} {field}: {hit.Mark} edits={hit.Edits} '{hit.Text}' in: {text}");
                    }
                }
            }
        }
        Assert.True(extra.Count == 0, $"{extra.Count} unlabelled hits:\n" + string.Join("\n", extra.Take(60)));
    }
}
