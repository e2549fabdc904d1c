using System.Text;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;
using ClassifyRpc.Text;
using ClassifyRpc.V1;
using RegistryVerdict = ClassifyRpc.Registry.Verdict;

namespace ClassifyRpc.Tests;

/// <summary>
/// Thousands of random orders over a few hundred storefronts, and random listings that hit their marks
/// and artwork, built once per test class (seeded: every run sees the same world).
/// <list type="bullet">
/// <item>Orders: every ninth any_seller (never enforced on LISTING, so there only the defendants orders
/// count), the rest name 1-25 defendants picked with a strong bias to the first storefronts (a few are
/// named by most orders, many by a handful, some by none); 0-3 authorized sellers, now and then one of the
/// order's own defendants; <see cref="OfficialEverywhere"/> authorized by every any_seller order and a
/// defendant of a few others, <see cref="ResellerOfMany"/> authorized by a third of the others; dates that make the order active, not yet
/// active or expired on <see cref="Today"/> and <see cref="Tomorrow"/>, and some that change between the
/// two; each channel enforced, stayed or absent at random; fuzzy_verdict review or block; block and review
/// distances of their own; notices for listing ids that several orders notice.</item>
/// <item>Marks: "qx" + four letters + "zork" (letters that no normalization step merges, no letter twice in
/// a row), so a mark is found exactly where it is written and nowhere else; a few orders also have a
/// fuzzy mark "jy" + four letters + "bear", written in listings with one letter changed.</item>
/// <item>Works: one random PDQ hash each; listing images are that hash with a chosen number of bits
/// flipped (so the distance is known), or random, and never within 60 bits of two works.</item>
/// <item>Listings: on storefronts named by many orders, by few, authorized sellers, unnamed storefronts,
/// no storefront; listing ids that one order's notices name or many do; marks of orders that name the storefront, of
/// any_seller orders and of any order, in title, description and keywords.</item>
/// </list>
/// </summary>
public sealed class GeneratedCases
{
    public const int CaseCount = 2_000;
    public const int ListingCount = 1_500;
    private const int NamedStorefronts = 400;
    private const int NoticedListings = 1_000;

    /// <summary>Letters no normalization step maps onto another (no l, no pair letters n, v) and no q, x, z
    /// (the marks' frame), so two marks never normalize alike and none hides inside another.</summary>
    private const string CodeLetters = "abcdefghijkmoprstuwy";

    private static readonly string[] s_filler =
    [
        "soft", "plush", "toy", "gift", "for", "kids", "new", "with", "tags", "cute", "bear", "cat", "pillow",
        "handmade", "original", "fast", "shipping", "sale", "bundle", "rare", "edition", "large", "small",
    ];

    /// <summary>Authorized by every any_seller order: only the orders that name it a defendant reach it.</summary>
    public const string OfficialEverywhere = "official-everywhere";

    /// <summary>Authorized by every third defendants order (more than there are any_seller orders) and by
    /// no any_seller order, which all reach it.</summary>
    public const string ResellerOfMany = "reseller-of-many";

    private readonly Random _random = new(20250601);
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private readonly List<PdqHash> _workHashes = [];

    public GeneratedCases()
    {
        var registry = new InMemoryRegistry();
        // By storefront: the orders that name it a defendant (to write their marks into its listings).
        var namedBy = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var anySellerCases = new List<int>();
        var authorizedSellers = new List<string>();
        var marksOfCase = new List<(string Text, bool Fuzzy)>[CaseCount];
        var worksOfCase = new List<int>[CaseCount];

        for (int c = 0; c < CaseCount; c++)
        {
            bool anySeller = c % 9 == 4;
            var (effectiveFrom, expires) = Dates();
            var channels = new ChannelState[6];
            for (int ch = 1; ch < channels.Length; ch++)
            {
                int roll = _random.Next(20);
                channels[ch] = roll < 11 ? ChannelState.Enforced : roll < 16 ? ChannelState.Stayed : ChannelState.Absent;
            }
            if (anySeller && channels[(int)PromotionChannel.Listing] == ChannelState.Enforced)
            {
                channels[(int)PromotionChannel.Listing] = ChannelState.Stayed;
            }

            marksOfCase[c] = [];
            var marks = new List<MarkDefinition>();
            int exactMarks = _random.Next(100) switch { < 8 => 0, < 85 => 1, _ => 2 };
            for (int m = 0; m < exactMarks; m++)
            {
                string text = "qx" + NewCode() + "zork";
                marks.Add(new MarkDefinition($"mark-{c}-{m}", text, MarkMode.Anywhere, false, []));
                marksOfCase[c].Add((text, false));
            }
            if (c % 25 == 7)
            {
                string text = "jy" + NewCode() + "bear";
                marks.Add(new MarkDefinition($"fuzzy-{c}", text, MarkMode.Anywhere, true, []));
                marksOfCase[c].Add((text, true));
            }

            worksOfCase[c] = [];
            var works = new List<(string, WorkFingerprint)>();
            int workCount = _random.Next(100) switch { < 85 => 0, < 97 => 1, _ => 2 };
            for (int w = 0; w < workCount; w++)
            {
                var hash = RandomHash();
                worksOfCase[c].Add(_workHashes.Count);
                _workHashes.Add(hash);
                works.Add(($"work-{c}-{w}", new WorkFingerprint([hash], 100)));
            }

            var defendants = new HashSet<string>(StringComparer.Ordinal);
            if (!anySeller)
            {
                int count = 1 + _random.Next(_random.Next(2) == 0 ? 4 : 25);
                for (int i = 0; i < count; i++)
                {
                    defendants.Add(Storefront(Skewed(NamedStorefronts)));
                }
                if (c % 40 == 3)
                {
                    defendants.Add(OfficialEverywhere);
                }
            }
            var authorized = new HashSet<string>(StringComparer.Ordinal);
            if (anySeller)
            {
                authorized.Add(OfficialEverywhere);
            }
            else if (c % 3 == 0)
            {
                authorized.Add(ResellerOfMany);
            }
            if (_random.Next(100) < 30)
            {
                int count = 1 + _random.Next(3);
                for (int i = 0; i < count; i++)
                {
                    authorized.Add(Storefront(Skewed(NamedStorefronts)));
                }
                if (defendants.Count > 0 && _random.Next(3) == 0)
                {
                    authorized.Add(defendants.First()); // both: authorized wins for this case
                }
            }
            var notices = new List<Notice>();
            if (_random.Next(100) < 25)
            {
                int count = 1 + _random.Next(3);
                for (int i = 0; i < count; i++)
                {
                    notices.Add(new Notice(NoticedListing(), new DateOnly(2024, 2, 1), $"ref-{c}-{i}"));
                }
            }

            registry.Add(new InMemoryRegistry.CaseSpec($"case-{c:D4}")
            {
                EffectiveFrom = effectiveFrom,
                Expires = expires,
                Scope = anySeller ? CaseScope.AnySeller : CaseScope.Defendants,
                Channels = channels,
                FuzzyVerdict = _random.Next(2) == 0 ? RegistryVerdict.Review : RegistryVerdict.Block,
                BlockDistance = _random.Next(2) == 0 ? 20 : 31,
                ReviewDistance = _random.Next(2) == 0 ? 35 : 45,
                Marks = marks,
                Works = works,
                Defendants = defendants,
                AuthorizedSellers = authorized,
                Notices = notices,
            });

            if (anySeller)
            {
                anySellerCases.Add(c);
            }
            foreach (string storefront in defendants)
            {
                ref var cases = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(namedBy, storefront, out _);
                (cases ??= []).Add(c);
            }
            authorizedSellers.AddRange(authorized);
        }
        Snapshot = registry.Build("generated");

        var listings = new List<Listing>(ListingCount);
        for (int i = 0; i < ListingCount; i++)
        {
            listings.Add(NewListing(i, namedBy, anySellerCases, authorizedSellers, marksOfCase, worksOfCase));
        }
        Listings = listings;
    }

    public static DateOnly Today { get; } = new(2025, 6, 1);

    public static DateOnly Tomorrow { get; } = new(2025, 6, 2);

    public RegistrySnapshot Snapshot { get; }

    public IReadOnlyList<Listing> Listings { get; }

    /// <summary>By work ordinal: the work's one hash.</summary>
    public IReadOnlyList<PdqHash> WorkHashes => _workHashes;

    private (DateOnly EffectiveFrom, DateOnly? Expires) Dates() => _random.Next(20) switch
    {
        0 => (Today, null),                         // active from today
        1 => (Tomorrow, null),                      // not yet today, active tomorrow
        2 => (new DateOnly(2024, 1, 1), Today),     // expired today
        3 => (new DateOnly(2024, 1, 1), Tomorrow),  // active today, expired tomorrow
        4 => (new DateOnly(2026, 1, 1), null),      // not yet on either day
        5 or 6 => (new DateOnly(2024, 1, 1), new DateOnly(2030, 1, 1)),
        _ => (new DateOnly(2024, 1, 1), null),
    };

    private Listing NewListing(int i, Dictionary<string, List<int>> namedBy, List<int> anySellerCases, List<string> authorizedSellers,
        List<(string Text, bool Fuzzy)>[] marksOfCase, List<int>[] worksOfCase)
    {
        int roll = _random.Next(100);
        int named = roll < 25 ? Skewed(NamedStorefronts) : roll < 50 ? _random.Next(NamedStorefronts) : -1;
        string storefront = named >= 0 ? Storefront(named)
            : roll < 58 ? authorizedSellers[_random.Next(authorizedSellers.Count)]
            : roll < 62 ? OfficialEverywhere
            : roll < 66 ? ResellerOfMany
            : roll < 90 ? $"walk-in-{_random.Next(50)}"
            : "";
        List<int> naming = namedBy.GetValueOrDefault(storefront) ?? [];

        var listing = new Listing
        {
            ListingId = _random.Next(100) < 30 ? NoticedListing() : $"L-{i}",
            StorefrontId = storefront,
        };
        var title = new StringBuilder(Filler());
        var description = new StringBuilder(Filler());
        var keywords = new List<string>();
        for (int k = _random.Next(3); k > 0; k--)
        {
            keywords.Add(Filler());
        }

        int markCount = _random.Next(5);
        for (int m = 0; m < markCount; m++)
        {
            int pick = _random.Next(10);
            int c = pick < 5 && naming.Count > 0 ? naming[_random.Next(naming.Count)]
                : pick < 7 ? anySellerCases[_random.Next(anySellerCases.Count)]
                : _random.Next(CaseCount);
            if (marksOfCase[c].Count == 0)
            {
                continue;
            }
            var (text, fuzzy) = marksOfCase[c][_random.Next(marksOfCase[c].Count)];
            string written = fuzzy && _random.Next(10) < 7 ? OneTypo(text) : text;
            if (_random.Next(4) == 0)
            {
                written = written.ToUpperInvariant();
            }
            int field = _random.Next(10);
            if (field < 5)
            {
                title.Append(' ').Append(written).Append(' ').Append(Filler());
            }
            else if (field < 8 || keywords.Count == 0)
            {
                description.Append(' ').Append(written).Append(", ").Append(Filler());
            }
            else
            {
                keywords.Insert(_random.Next(keywords.Count + 1), written);
            }
        }
        listing.Title = title.ToString();
        listing.Description = _random.Next(8) == 0 ? "" : description.ToString();
        listing.Keywords.Add(keywords);

        int imageCount = _random.Next(100) switch { < 55 => 0, < 90 => 1, _ => 2 };
        for (int m = 0; m < imageCount; m++)
        {
            listing.Images.Add(NewImage($"img-{i}-{m}", naming, anySellerCases, worksOfCase));
        }
        return listing;
    }

    private Image NewImage(string imageId, List<int> naming, List<int> anySellerCases, List<int>[] worksOfCase)
    {
        int[] qualities = [0, 0, 30, 49, 50, 90];
        int quality = qualities[_random.Next(qualities.Length)];
        while (true)
        {
            PdqHash hash;
            if (_random.Next(10) < 7)
            {
                int pick = _random.Next(10);
                int c = pick < 4 && naming.Count > 0 ? naming[_random.Next(naming.Count)]
                    : pick < 6 ? anySellerCases[_random.Next(anySellerCases.Count)]
                    : _random.Next(CaseCount);
                if (worksOfCase[c].Count == 0)
                {
                    continue;
                }
                int[] distances = [0, 12, 20, 21, 31, 32, 35, 36, 45, 46, 80];
                hash = Flip(_workHashes[worksOfCase[c][_random.Next(worksOfCase[c].Count)]], distances[_random.Next(distances.Length)]);
            }
            else
            {
                hash = RandomHash();
            }
            int near = 0;
            foreach (var work in _workHashes)
            {
                near += PdqHash.Distance(work, hash) <= 60 ? 1 : 0;
            }
            if (near <= 1)
            {
                return new Image { ImageId = imageId, PdqHex = hash.ToHex(), Quality = quality };
            }
        }
    }

    private string Filler()
    {
        var words = new StringBuilder();
        for (int n = 1 + _random.Next(4); n > 0; n--)
        {
            words.Append(words.Length == 0 ? "" : " ").Append(s_filler[_random.Next(s_filler.Length)]);
        }
        return words.ToString();
    }

    /// <summary>Four code letters never used before, no letter twice in a row.</summary>
    private string NewCode()
    {
        Span<char> code = stackalloc char[4];
        while (true)
        {
            for (int i = 0; i < code.Length; i++)
            {
                do
                {
                    code[i] = CodeLetters[_random.Next(CodeLetters.Length)];
                }
                while (i > 0 && code[i] == code[i - 1]);
            }
            string s = new(code);
            if (_codes.Add(s))
            {
                return s;
            }
        }
    }

    /// <summary>One code letter of a fuzzy mark replaced by another that differs from its neighbours too,
    /// so the spelling is exactly one substitution away.</summary>
    private string OneTypo(string mark)
    {
        var chars = mark.ToCharArray();
        int at = 2 + _random.Next(4);
        char replacement;
        do
        {
            replacement = CodeLetters[_random.Next(CodeLetters.Length)];
        }
        while (replacement == chars[at] || replacement == chars[at - 1] || replacement == chars[at + 1]);
        chars[at] = replacement;
        return new string(chars);
    }

    private PdqHash RandomHash() => new(NextULong(), NextULong(), NextULong(), NextULong());

    private ulong NextULong() => (ulong)_random.NextInt64() ^ ((ulong)_random.Next(2) << 63);

    private PdqHash Flip(PdqHash hash, int bits)
    {
        ulong[] w = [hash.W0, hash.W1, hash.W2, hash.W3];
        var flipped = new HashSet<int>();
        while (flipped.Count < bits)
        {
            int bit = _random.Next(256);
            if (flipped.Add(bit))
            {
                w[bit >> 6] ^= 1UL << (bit & 63);
            }
        }
        return new PdqHash(w[0], w[1], w[2], w[3]);
    }

    /// <summary>0..n-1, low values far more often (the first storefronts are named by most orders).</summary>
    private int Skewed(int n) => Math.Min(n - 1, (int)(n * Math.Pow(_random.NextDouble(), 2.5)));

    private static string Storefront(int s) => $"shop-{s}";

    /// <summary>Half from the first few ids (noticed by many orders), half from all of them.</summary>
    private string NoticedListing() => $"N-{(_random.Next(2) == 0 ? Skewed(40) : _random.Next(NoticedListings))}";
}
