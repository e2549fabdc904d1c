using System.Text.RegularExpressions;
using ClassifyRpc.Text;
using Xunit;

namespace ClassifyRpc.Docket.Tests;

/// <summary>
/// The rules of generated names and ids, on a docket of 2,000 orders (10,000 marks), checked without the generator's
/// own normalization: ids unique across the docket, texts distinct and brand-like, letters counted as the service
/// counts symbols (its own <see cref="TextNormalizer"/>), look-alike pairs about as often as asked.
/// </summary>
public sealed partial class MarkNameTests
{
    private static readonly DocketOptions s_options = new() { Orders = 2_000, WorkOrders = 300, WorksPerOrder = 2 };
    private static readonly Lazy<DocketPlan> s_plan = new(() => DocketGenerator.Plan(s_options));

    [Fact]
    public void IdsAreUniqueAcrossTheDocket()
    {
        DocketPlan plan = s_plan.Value;
        AssertUnique(plan.Orders.Select(o => o.Id), "case id");
        AssertUnique(plan.Marks.Select(m => m.Id), "mark id");
        AssertUnique(plan.Works.Select(w => w.Id), "work id");
        Assert.Equal(600, plan.Works.Count);

        var defendants = new HashSet<string>(StringComparer.Ordinal);
        foreach (DocketOrder order in plan.Orders)
        {
            for (int k = 0; k < order.DefendantCount; k++)
            {
                string id = plan.DefendantId(order.Index, k);
                Assert.Matches(TenDigits(), id);
                Assert.True(defendants.Add(id), $"defendant {id} named twice");
            }
            foreach (string seller in order.AuthorizedSellers)
            {
                Assert.DoesNotContain(seller, defendants);
            }
        }
        Assert.Equal(1_800 * 200, defendants.Count); // every tenth order is any_seller, without defendants
        for (int j = 0; j < 1_000; j++)
        {
            Assert.DoesNotContain(plan.PoolStorefrontId(j), defendants);
        }
    }

    [Fact]
    public void TextsAreDistinctAndFollowTheRules()
    {
        DocketPlan plan = s_plan.Value;
        AssertUnique(plan.Marks.Select(m => m.Text.ToLowerInvariant()), "mark text (lower-cased)");
        foreach (DocketMark mark in plan.Marks)
        {
            Assert.Matches(BrandLike(), mark.Text);
            string letters = mark.Text.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            int pairs = PairCount(mark.Text.ToLowerInvariant());
            Assert.InRange(letters.Length, s_options.MinLetters, s_options.MaxLetters);
            Assert.Equal(mark.HasPair, pairs == 1);
            Assert.InRange(pairs, 0, 1);

            // No two neighbours alike once l reads as i: the pair vv is the one exception.
            string classes = letters.Replace('l', 'i');
            for (int i = 1; i < classes.Length; i++)
            {
                bool vv = classes[i] == 'v' && classes[i - 1] == 'v';
                Assert.True(classes[i] != classes[i - 1] || vv, $"'{mark.Text}': neighbours {classes[i - 1]}{classes[i]} collapse");
            }

            // The service's own reading: one symbol per letter, a pair read as one.
            int symbols = TextNormalizer.Normalize(mark.Text).Replace(" ", "", StringComparison.Ordinal).Length;
            Assert.True(symbols == letters.Length - pairs, $"'{mark.Text}' reads as {TextNormalizer.Normalize(mark.Text)}");
            if (mark.Fuzzy)
            {
                Assert.True(symbols >= 6, $"fuzzy mark '{mark.Text}' has {symbols} symbols: no typo spellings below 6");
            }
        }
    }

    [Fact]
    public void SharesAreAboutWhatWasAskedFor()
    {
        IReadOnlyList<DocketMark> marks = s_plan.Value.Marks;
        Assert.Equal(10_000, marks.Count);
        Assert.InRange(marks.Count(m => m.Fuzzy) / (double)marks.Count, 0.27, 0.33);
        Assert.InRange(marks.Count(m => m.Word) / (double)marks.Count, 0.27, 0.33);
        Assert.InRange(marks.Count(m => m.Text.Contains(' ', StringComparison.Ordinal)) / (double)marks.Count, 0.17, 0.23);
        Assert.InRange(marks.Count(m => m.HasPair) / (double)marks.Count, 0.08, 0.12);
        Assert.Equal(200, s_plan.Value.Orders.Count(o => o.AnySeller));
    }

    /// <summary>No mark's normalized form holds another's: a planted mark brings no other mark with it.</summary>
    [Fact]
    public void NoMarkHoldsAnother()
    {
        var forms = s_plan.Value.Marks.Select(m => TextNormalizer.Normalize(m.Text).Replace(" ", "", StringComparison.Ordinal)).ToArray();
        var all = new HashSet<string>(forms, StringComparer.Ordinal);
        Assert.Equal(forms.Length, all.Count);
        foreach (string form in forms)
        {
            for (int start = 0; start < form.Length; start++)
            {
                for (int length = 4; start + length <= form.Length; length++)
                {
                    if (length != form.Length)
                    {
                        Assert.DoesNotContain(form.Substring(start, length), all);
                    }
                }
            }
        }
    }

    /// <summary>Pairs inside words, read left to right as the service does (a space parts "r n").</summary>
    private static int PairCount(string lowerText) => lowerText.Split(' ').Sum(word => PairPattern().Count(word));

    private static void AssertUnique(IEnumerable<string> values, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            Assert.True(seen.Add(value), $"{what} '{value}' used twice");
        }
    }

    [GeneratedRegex("^[0-9]{10}$")]
    private static partial Regex TenDigits();

    /// <summary>One or two capitalized words of lower-case letters.</summary>
    [GeneratedRegex("^[A-Z][a-z]+( [A-Z][a-z]+)?$")]
    private static partial Regex BrandLike();

    [GeneratedRegex("rn|vv|cl")]
    private static partial Regex PairPattern();
}
