using System.Text.Json;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;

namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>tests/data/listings-public.jsonl: listings with their labels (marks, kind).</summary>
internal sealed record LabelledListing(Listing Listing, IReadOnlyList<string> Marks, string Kind);

internal static class Corpus
{
    private static readonly Lazy<IReadOnlyList<LabelledListing>> s_all = new(Load);

    public static IReadOnlyList<LabelledListing> All => s_all.Value;

    private static IReadOnlyList<LabelledListing> Load()
    {
        var result = new List<LabelledListing>();
        foreach (var line in File.ReadLines(RepoPaths.Data("listings-public.jsonl")))
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
            foreach (var k in root.GetProperty("keywords").EnumerateArray())
            {
                listing.Keywords.Add(k.GetString()!);
            }
            var label = root.GetProperty("label");
            var marks = label.GetProperty("marks").EnumerateArray().Select(m => m.GetString()!).ToArray();
            result.Add(new LabelledListing(listing, marks, label.GetProperty("kind").GetString()!));
        }
        return result;
    }
}
