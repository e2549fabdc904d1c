using System.Globalization;
using System.Text;

namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// Makes the docket's listings: four in ten benign, the rest plant one of the docket's marks (exact, lightly
/// obfuscated, or one typo away for fuzzy marks) in the title, the description or a keyword, on a storefront in the
/// order's scope, out of it, or authorized by it. Each listing is drawn from a stream of its own. Every listing is
/// checked against the readings of all marks (<see cref="MarkIndex.Find"/>): a planted listing holds its mark and no
/// other, a fuzzy or benign one holds none exactly; filler that breaks that is drawn again. Fuzzy (one-typo)
/// matches of other marks are not checked: the check would cost more than the generation.
/// </summary>
internal sealed class ListingPlanter
{
    private const int MaxAttempts = 200;

    private static readonly string[] s_obfuscations = ["upper", "lower", "case", "dots", "spaces", "fullwidth"];
    private static readonly string[] s_typos = ["typo:ins", "typo:del", "typo:sub", "typo:swap"];

    private readonly DocketPlan _plan;
    private readonly DocketMark[] _fuzzyMarks;
    private readonly HashSet<int> _found = [];

    public ListingPlanter(DocketPlan plan)
    {
        _plan = plan;
        var fuzzy = new List<DocketMark>();
        foreach (DocketMark mark in plan.Marks)
        {
            if (mark.Fuzzy)
            {
                fuzzy.Add(mark);
            }
        }
        _fuzzyMarks = [.. fuzzy];
    }

    public DocketListing Listing(int index)
    {
        DocketRandom random = DocketRandom.For(_plan.Options.Seed, "listing", index);
        string id = string.Create(CultureInfo.InvariantCulture, $"K{_plan.Options.Seed:x}-{index:D7}");
        double roll = random.NextDouble();
        string kind = roll < 0.40 ? "benign" : roll < 0.60 ? "exact" : roll < 0.85 ? "obfuscated" : "fuzzy";
        if (kind == "fuzzy" && _fuzzyMarks.Length == 0)
        {
            kind = "obfuscated";
        }
        for (int attempt = 0; attempt < MaxAttempts; attempt++)
        {
            DocketListing? listing = kind == "benign" ? Benign(id, random) : Planted(id, kind, random);
            if (listing is not null)
            {
                return listing;
            }
        }
        throw new InvalidOperationException($"listing {index}: no {kind} listing free of other marks after {MaxAttempts} attempts");
    }

    private DocketListing? Benign(string id, DocketRandom random)
    {
        // Defendants sell other things too: a third of benign listings sit on a named storefront.
        string storefront = random.Chance(0.3) && _plan.Options.DefendantsPerOrder > 0 && AnyDefendantOrder(random) is { } order
            ? _plan.DefendantId(order, random.Next(_plan.Options.DefendantsPerOrder))
            : _plan.PoolStorefrontId(random.Next(DocketPlan.PoolStorefronts));
        string title = Title(random, null, out _, out _);
        string description = Description(random, null, out _, out _);
        List<string> keywords = Keywords(random, null);
        _found.Clear();
        if (!Holds(title, description, keywords))
        {
            return new DocketListing(id, storefront, title, description, keywords, new DocketLabel([], "benign", [], null, null, null));
        }
        return null;
    }

    private DocketListing? Planted(string id, string kind, DocketRandom random)
    {
        DocketMark mark = kind == "fuzzy" ? random.Pick(_fuzzyMarks) : random.Pick(_plan.Marks);
        DocketOrder order = _plan.Orders[mark.OrderIndex];

        string transform;
        string shown;
        string ascii;
        switch (kind)
        {
            case "exact":
                transform = "plain";
                shown = ascii = mark.Text;
                break;
            case "obfuscated":
                transform = random.Pick(s_obfuscations);
                shown = Obfuscate(mark.Text, transform);
                // NFKC folds the fullwidth letters back to these.
                ascii = transform == "fullwidth" ? mark.Text : shown;
                break;
            default:
                transform = random.Pick(s_typos);
                if (Typo(mark.Text, transform, random) is not { } typo)
                {
                    return null;
                }
                shown = ascii = typo;
                break;
        }

        double relationRoll = random.NextDouble();
        string relation = relationRoll < 0.6 ? DocketLabel.InScope : relationRoll < 0.9 ? DocketLabel.OutOfScope : DocketLabel.Authorized;
        if (relation == DocketLabel.OutOfScope && order.AnySeller)
        {
            relation = DocketLabel.InScope; // every storefront but the authorized ones is in an any-seller order's scope
        }
        if (relation == DocketLabel.InScope && !order.AnySeller && order.DefendantCount == 0)
        {
            relation = DocketLabel.OutOfScope;
        }
        string storefront = relation switch
        {
            DocketLabel.Authorized => random.Pick(order.AuthorizedSellers),
            DocketLabel.InScope when !order.AnySeller => _plan.DefendantId(order.Index, random.Next(order.DefendantCount)),
            // Out of scope: a seller nobody named, or one named in another order (ids are unique across the docket).
            DocketLabel.OutOfScope when random.Chance(0.5) && AnyDefendantOrder(random) is { } other && other != order.Index =>
                _plan.DefendantId(other, random.Next(_plan.Options.DefendantsPerOrder)),
            _ => _plan.PoolStorefrontId(random.Next(DocketPlan.PoolStorefronts)),
        };

        double fieldRoll = random.NextDouble();
        string field = fieldRoll < 0.6 ? "title" : fieldRoll < 0.8 ? "description" : "keywords";
        string title = Title(random, field == "title" ? shown : null, out string titleBefore, out string titleAfter);
        string description = Description(random, field == "description" ? shown : null, out string descriptionBefore, out string descriptionAfter);
        List<string> keywords = Keywords(random, field == "keywords" ? shown : null);

        // The plain ASCII of each field for the check (the fullwidth one folded back), and the mark's neighbours:
        // a filler symbol equal to the mark's first or last would collapse into it across the space.
        string asciiTitle = field == "title" ? titleBefore + ascii + titleAfter : title;
        string asciiDescription = field == "description" ? descriptionBefore + ascii + descriptionAfter : description;
        List<string> asciiKeywords = field == "keywords" ? keywords.ConvertAll(k => k == shown ? ascii : k) : keywords;
        if ((field == "title" && Touches(titleBefore, ascii, titleAfter)) || (field == "description" && Touches(descriptionBefore, ascii, descriptionAfter)))
        {
            return null;
        }

        _found.Clear();
        Holds(asciiTitle, asciiDescription, asciiKeywords);
        bool expected = kind == "fuzzy" ? _found.Count == 0 : _found.Count == 1 && _found.Contains(mark.Ordinal);
        if (!expected)
        {
            return null;
        }
        var label = new DocketLabel([mark.Id], kind, [transform], field, order.Id, relation);
        return new DocketListing(id, storefront, title, description, keywords, label);
    }

    /// <summary>True when a field holds a reading of some mark; the marks found are in <see cref="_found"/>.</summary>
    private bool Holds(string title, string description, List<string> keywords)
    {
        _plan.Index.Find(Readings.OfText(title), _found);
        _plan.Index.Find(Readings.OfText(description), _found);
        foreach (string keyword in keywords)
        {
            _plan.Index.Find(Readings.OfText(keyword), _found);
        }
        return _found.Count > 0;
    }

    private static bool Touches(string before, string mark, string after)
    {
        string symbols = Readings.OfText(mark);
        string left = Readings.OfText(before);
        string right = Readings.OfText(after);
        return symbols.Length == 0
            || (left.Length > 0 && left[^1] == symbols[0])
            || (right.Length > 0 && right[0] == symbols[^1]);
    }

    private int? AnyDefendantOrder(DocketRandom random)
    {
        int order = random.Next(_plan.Orders.Count);
        return _plan.Orders[order].DefendantCount > 0 ? order : null;
    }

    /// <summary>Two to four filler words and tails, with the mark (when given) between two of them.</summary>
    private static string Title(DocketRandom random, string? mark, out string before, out string after)
    {
        var words = new List<string>();
        if (random.Chance(0.7))
        {
            words.Add(random.Pick(ListingWords.Adjectives));
        }
        words.Add(random.Pick(ListingWords.Nouns));
        if (random.Chance(0.4))
        {
            words.Add(random.Pick(ListingWords.Nouns));
        }
        if (random.Chance(0.6))
        {
            words.Add(random.Pick(ListingWords.Tails));
        }
        return Join(words, mark, random.Next(words.Count + 1), " ", out before, out after);
    }

    private static string Description(DocketRandom random, string? mark, out string before, out string after)
    {
        var sentences = new List<string>();
        int count = random.Next(1, 4);
        for (int i = 0; i < count; i++)
        {
            sentences.Add(random.Pick(ListingWords.Sentences));
        }
        if (mark is null)
        {
            before = after = "";
            return string.Join(' ', sentences);
        }
        string template = random.Pick(ListingWords.MarkSentences);
        int at = template.IndexOf("{0}", StringComparison.Ordinal);
        int slot = random.Next(sentences.Count + 1);
        string head = string.Join(' ', sentences.GetRange(0, slot));
        string tail = string.Join(' ', sentences.GetRange(slot, sentences.Count - slot));
        before = (head.Length > 0 ? head + " " : "") + template[..at];
        after = template[(at + 3)..] + (tail.Length > 0 ? " " + tail : "");
        return before + mark + after;
    }

    private static List<string> Keywords(DocketRandom random, string? mark)
    {
        var keywords = new List<string>();
        int count = random.Next(2, 5);
        while (keywords.Count < count)
        {
            string keyword = random.Pick(ListingWords.Keywords);
            if (!keywords.Contains(keyword))
            {
                keywords.Add(keyword);
            }
        }
        if (mark is not null)
        {
            keywords.Insert(random.Next(keywords.Count + 1), mark);
        }
        return keywords;
    }

    private static string Join(List<string> words, string? mark, int slot, string separator, out string before, out string after)
    {
        if (mark is null)
        {
            before = after = "";
            return string.Join(separator, words);
        }
        string head = string.Join(separator, words.GetRange(0, slot));
        string tail = string.Join(separator, words.GetRange(slot, words.Count - slot));
        before = head.Length > 0 ? head + separator : "";
        after = tail.Length > 0 ? separator + tail : "";
        return before + mark + after;
    }

    /// <summary>A light disguise the service must see through: case, letters spaced out with dots or spaces
    /// (words kept apart by a space), or fullwidth letters.</summary>
    public static string Obfuscate(string text, string transform)
    {
        switch (transform)
        {
            case "upper":
                return text.ToUpperInvariant();
            case "lower":
                return text.ToLowerInvariant();
            case "case":
                var mixed = new StringBuilder(text.Length);
                int letter = 0;
                foreach (char c in text)
                {
                    mixed.Append(c == ' ' ? c : letter++ % 2 == 0 ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
                }
                return mixed.ToString();
            case "dots":
            case "spaces":
                string between = transform == "dots" ? "." : " ";
                return string.Join(' ', Array.ConvertAll(text.Split(' '), w => string.Join(between, w.ToCharArray())));
            case "fullwidth":
                var wide = new StringBuilder(text.Length);
                foreach (char c in text)
                {
                    wide.Append(c switch
                    {
                        >= 'A' and <= 'Z' => (char)(c - 'A' + 0xFF21),
                        >= 'a' and <= 'z' => (char)(c - 'a' + 0xFF41),
                        _ => c,
                    });
                }
                return wide.ToString();
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, "unknown obfuscation");
        }
    }

    /// <summary>
    /// One typo (insert, delete, substitute, or swap two neighbours) in a letter away from the mark's look-alike pair,
    /// creating or breaking no pair: the service reads a pair as one symbol, so a typo that made "ra" into "rn" would be
    /// two edits, not one. Null when this draw cannot make one (the caller draws again).
    /// </summary>
    public static string? Typo(string text, string kind, DocketRandom random)
    {
        var letters = new StringBuilder(text);
        int pairs = PairCount(text);
        int position = random.Next(text.Length);
        if (text[position] == ' ' || NearPair(text, position))
        {
            return null;
        }
        char replacement = (char)('a' + random.Next(26));
        switch (kind)
        {
            case "typo:ins":
                letters.Insert(position + (random.Chance(0.5) ? 1 : 0), replacement);
                break;
            case "typo:del":
                if (WordLength(text, position) <= 3)
                {
                    return null;
                }
                letters.Remove(position, 1);
                break;
            case "typo:sub":
                if (Readings.Symbol(replacement) == Readings.Symbol(text[position]))
                {
                    return null;
                }
                letters[position] = char.IsUpper(text[position]) ? char.ToUpperInvariant(replacement) : replacement;
                break;
            case "typo:swap":
                if (position + 1 >= text.Length || text[position + 1] == ' ' || NearPair(text, position + 1))
                {
                    return null;
                }
                (letters[position], letters[position + 1]) = (letters[position + 1], letters[position]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown typo");
        }
        string typo = Recapitalize(letters.ToString());
        return PairCount(typo) == pairs ? typo : null;
    }

    private static int PairCount(string text)
    {
        int count = 0;
        foreach (string word in text.Split(' '))
        {
            count += Readings.PairStarts(word).Count;
        }
        return count;
    }

    /// <summary>True for a letter of a pair or next to one.</summary>
    private static bool NearPair(string text, int position)
    {
        for (int i = Math.Max(0, position - 2); i <= position + 1 && i + 1 < text.Length; i++)
        {
            if (Readings.PairJoined(text[i], text[i + 1]) != '\0')
            {
                return true;
            }
        }
        return false;
    }

    private static int WordLength(string text, int position)
    {
        int start = text.LastIndexOf(' ', position) + 1;
        int end = text.IndexOf(' ', position);
        return (end < 0 ? text.Length : end) - start;
    }

    /// <summary>Each word capitalized and the rest lower-case, as the marks are written.</summary>
    private static string Recapitalize(string text)
    {
        var result = new StringBuilder(text.Length);
        bool first = true;
        foreach (char c in text)
        {
            result.Append(c == ' ' ? c : first ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            first = c == ' ';
        }
        return result.ToString();
    }
}
