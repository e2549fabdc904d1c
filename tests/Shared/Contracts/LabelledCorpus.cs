using System.Text.Json;
using ClassifyRpc.V1;

namespace ClassifyRpc.Tests;

/// <summary>One line of tests/data/listings-public.jsonl: the listing as the contract carries it, the marks
/// its label names and how it was made (exact, obfuscated, fuzzy, benign).</summary>
internal sealed record LabelledListing(Listing Listing, IReadOnlyList<string> Marks, string Kind);

/// <summary>
/// The labelled public corpus read once into contract messages. Shared by the projects that see the
/// contract (decision and server tests, benchmarks), so the oracle tests and the benchmarks judge exactly
/// the same listings.
/// </summary>
internal static class LabelledCorpus
{
    private static readonly Lazy<IReadOnlyList<LabelledListing>> s_all = new(Load);

    public static IReadOnlyList<LabelledListing> All => s_all.Value;

    private static IReadOnlyList<LabelledListing> Load()
    {
        var result = new List<LabelledListing>();
        foreach (string line in File.ReadLines(RepoPaths.Data("listings-public.jsonl")))
        {
            if (line.Length == 0)
            {
                continue;
            }
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var listing = new Listing
            {
                ListingId = root.GetProperty("listing_id").GetString()!,
                StorefrontId = root.GetProperty("storefront_id").GetString()!,
                Title = root.GetProperty("title").GetString()!,
                Description = root.GetProperty("description").GetString()!,
            };
            foreach (var keyword in root.GetProperty("keywords").EnumerateArray())
            {
                listing.Keywords.Add(keyword.GetString()!);
            }
            var label = root.GetProperty("label");
            var marks = new List<string>();
            foreach (var mark in label.GetProperty("marks").EnumerateArray())
            {
                marks.Add(mark.GetString()!);
            }
            result.Add(new LabelledListing(listing, marks, label.GetProperty("kind").GetString()!));
        }
        return result;
    }
}
