using ClassifyRpc.V1;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>
/// Scales the public corpus up to any number of listings while keeping the work real: the corpus itself comes first,
/// unchanged; every further listing gets a fresh id, a storefront drawn from the corpus's own storefront distribution
/// (so the share of listings on defendants' storefronts stays what the corpus has), and its title, description and
/// keywords taken from three different corpus listings (so marks, obfuscations and near-misses keep their frequency,
/// but no two generated listings carry the same text triple by construction of a fixed seed).
/// </summary>
internal sealed class ListingGenerator
{
    private readonly IReadOnlyList<CorpusRecord> _corpus;
    private readonly Random _random;
    private readonly string _idPrefix;
    private long _next;

    public ListingGenerator(IReadOnlyList<CorpusRecord> corpus, int seed)
    {
        _corpus = corpus;
        _random = new Random(seed);
        _idPrefix = $"P{seed:x}-";
    }

    /// <summary>The corpus listings as they are, then recombined ones, <paramref name="count"/> in all.</summary>
    public Listing[] Generate(int count)
    {
        var listings = new Listing[count];
        int i = 0;
        for (; i < count && i < _corpus.Count; i++)
        {
            CorpusRecord record = _corpus[i];
            listings[i] = Build(record.ListingId, record.StorefrontId, record.Title, record.Description, record.Keywords);
        }
        for (; i < count; i++)
        {
            listings[i] = Recombine();
        }
        return listings;
    }

    /// <summary>A fresh listing (new id) whose text is recombined from the corpus.</summary>
    public Listing Recombine()
    {
        CorpusRecord storefront = Pick();
        return Build(NextId(), storefront.StorefrontId, Pick().Title, Pick().Description, Pick().Keywords);
    }

    /// <summary>A fresh id that no corpus listing or notice uses.</summary>
    public string NextId() => _idPrefix + (_next++).ToString("D9", System.Globalization.CultureInfo.InvariantCulture);

    private CorpusRecord Pick() => _corpus[_random.Next(_corpus.Count)];

    private static Listing Build(string id, string storefront, string title, string description, string[] keywords)
    {
        var listing = new Listing { ListingId = id, StorefrontId = storefront, Title = title, Description = description };
        listing.Keywords.AddRange(keywords);
        return listing;
    }
}
