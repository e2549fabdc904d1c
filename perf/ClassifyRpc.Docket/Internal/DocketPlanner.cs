using System.Globalization;

namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// Draws every order of a docket: marks (through <see cref="MarkNamer"/>, in order, since each name must differ
/// from all earlier ones), then each order's particulars from a stream of its own, so that changing one option
/// (the number of works, say) leaves the other orders' particulars as they were.
/// </summary>
internal static class DocketPlanner
{
    private static readonly (string Name, double Weight)[] s_courts =
        [("N.D. Ill.", 0.60), ("S.D.N.Y.", 0.15), ("S.D. Fla.", 0.10), ("W.D. Pa.", 0.10), ("N.D. Tex.", 0.05)];

    private static readonly (string Name, double Weight)[] s_orderNames =
        [("Temporary Restraining Order", 0.30), ("Preliminary Injunction Order", 0.50), ("Final Judgment Order", 0.20)];

    private static readonly string[] s_plaintiffSuffixes = ["Brands LLC", "Toys Inc.", "Co.", "Holdings, LLC", "Group Ltd.", "Studios LLC"];

    /// <summary>Advertising is never stayed: the perf harness asks about advertising, so every order counts there.</summary>
    private static readonly string[] s_stayable = ["email", "search", "recommendation"];

    private static readonly DateOnly s_firstEffective = new(2019, 1, 1);

    /// <summary>Effective dates run from 2019-01-01 over this many days (to mid-2025): always in the past.</summary>
    private const int EffectiveDays = 2_372;

    public static DocketPlan Plan(DocketOptions options)
    {
        options.Validate();
        var namer = new MarkNamer(options, DocketRandom.For(options.Seed, "marks"));
        var orders = new List<DocketOrder>(options.Orders);
        var marks = new List<DocketMark>(options.Orders * options.MarksPerOrder);
        var works = new List<DocketWork>();
        for (int o = 0; o < options.Orders; o++)
        {
            DocketRandom random = DocketRandom.For(options.Seed, "order", o);
            var orderMarks = new List<DocketMark>(options.MarksPerOrder);
            for (int m = 0; m < options.MarksPerOrder; m++)
            {
                bool fuzzy = random.Chance(options.FuzzyShare);
                bool word = random.Chance(options.WordShare);
                bool twoWord = random.Chance(options.TwoWordShare);
                bool pair = random.Chance(options.PairShare);
                string text = namer.Next(marks.Count, fuzzy, twoWord, pair);
                var mark = new DocketMark(marks.Count, o, Slug(text), text, word, fuzzy, pair);
                marks.Add(mark);
                orderMarks.Add(mark);
            }

            string slug = orderMarks[0].Id;
            string id = string.Create(CultureInfo.InvariantCulture, $"{slug}-v-schedule-a-{o + 1:D5}");
            string plaintiff = $"{orderMarks[0].Text} {random.Pick(s_plaintiffSuffixes)}";
            bool anySeller = options.AnySellerEvery > 0 && (o + 1) % options.AnySellerEvery == 0;
            DateOnly effective = s_firstEffective.AddDays(random.Next(EffectiveDays));

            var orderWorks = new List<DocketWork>();
            if (o < options.WorkOrders)
            {
                for (int w = 0; w < options.WorksPerOrder; w++)
                {
                    string workId = string.Create(CultureInfo.InvariantCulture, $"{slug}-art-{w + 1}");
                    var work = new DocketWork(works.Count, workId, $"works/{workId}.png");
                    works.Add(work);
                    orderWorks.Add(work);
                }
            }

            var stayed = new List<string>();
            if (random.Chance(0.15))
            {
                // As in the Kelly Toys order: the duty to prevent (re)listing stayed, the ban on promotion not.
                stayed.Add("listing");
            }
            if (random.Chance(0.05))
            {
                stayed.Add(random.Pick(s_stayable));
            }

            var sellers = new List<string> { slug + "-official" };
            foreach (string outlet in (string[])["-outlet", "-store"])
            {
                if (random.Chance(0.3))
                {
                    sellers.Add(slug + outlet);
                }
            }

            orders.Add(new DocketOrder
            {
                Index = o,
                Id = id,
                Plaintiff = plaintiff,
                Title = $"{plaintiff} v. The Partnerships and Unincorporated Associations Identified on Schedule A",
                Court = Weighted(random, s_courts),
                Docket = string.Create(CultureInfo.InvariantCulture, $"{effective.Year % 100:D2}-cv-{random.Next(1, 20_000):D5}"),
                OrderName = Weighted(random, s_orderNames),
                EffectiveFrom = effective,
                Expires = random.Chance(0.1) ? new DateOnly(2099, 12, 31) : null,
                AnySeller = anySeller,
                StayedChannels = stayed,
                FuzzyBlocks = random.Chance(0.2),
                Marks = orderMarks,
                Works = orderWorks,
                DefendantCount = anySeller ? 0 : options.DefendantsPerOrder,
                AuthorizedSellers = sellers,
                NoticeCount = o % 25 == 12 ? random.Next(3, 13) : 0,
            });
        }
        return new DocketPlan(options, orders, marks, works, namer.Index);
    }

    /// <summary>The id of a mark: its text lower-cased, words joined by '-' (distinct texts give distinct ids).</summary>
    public static string Slug(string text) => text.ToLowerInvariant().Replace(' ', '-');

    private static string Weighted(DocketRandom random, (string Name, double Weight)[] choices)
    {
        double roll = random.NextDouble();
        foreach (var (name, weight) in choices)
        {
            if (roll < weight)
            {
                return name;
            }
            roll -= weight;
        }
        return choices[^1].Name;
    }
}
