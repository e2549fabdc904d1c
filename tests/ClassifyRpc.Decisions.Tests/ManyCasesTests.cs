using System.Text;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Xunit;
using Channel = ClassifyRpc.V1.Channel;

namespace ClassifyRpc.Decisions.Tests;

/// <summary>
/// Scope and authorization across many cases at once: a generated registry of 30 orders naming 40
/// storefronts in every combination of roles (defendant, authorized seller, both, neither; any-seller
/// orders with and without authorized sellers; notices; storefronts named alike and almost alike),
/// judged against the rules written out per case.
/// The classifier looks a storefront up once for all cases, and storefronts named the same way share
/// one table: this catches a state that leaks from one case, storefront or shared table to another.
/// </summary>
public sealed class ManyCasesTests : IDisposable
{
    private const int CaseCount = 30;
    private const int StorefrontCount = 40;

    private readonly TempRegistry _folder = new();
    private readonly List<CaseModel> _cases = [];

    private sealed record CaseModel(string Id, string MarkText, bool AnySeller, HashSet<string> Defendants, HashSet<string> Authorized, string? NoticeListing);

    public ManyCasesTests()
    {
        // Roles by (case, storefront): 0 none, 1 defendant, 2 authorized, 3 both. Storefronts 0-9 get them at
        // random; 10-19 are their twins (the same roles in every case: one shared table); 20-29 their near
        // twins (the state in one case differs, a different case for each, the first and last included: tables of
        // their own); 30-39
        // are named by no case.
        var random = new Random(20261129);
        var roles = new int[CaseCount, StorefrontCount];
        for (int c = 0; c < CaseCount; c++)
        {
            for (int s = 0; s < 10; s++)
            {
                int roll = random.Next(10);
                roles[c, s] = roll < 3 ? 1 : roll < 5 ? 2 : roll < 6 ? 3 : 0;
                roles[c, s + 10] = roles[c, s];
                roles[c, s + 20] = roles[c, s];
            }
        }
        int[] nearTwinCase = [0, 4, 7, 11, 13, 16, 19, 22, 26, 29];
        for (int s = 20; s < 30; s++)
        {
            // A change that moves the state: in scope <-> authorized for an any-seller order, and for a
            // defendants order named (any role) <-> not named.
            int c = nearTwinCase[s - 20];
            roles[c, s] = IsAnySeller(c) ? ((roles[c, s] & 2) != 0 ? 0 : 2) : (roles[c, s] != 0 ? 0 : 1);
        }

        for (int c = 0; c < CaseCount; c++)
        {
            bool anySeller = IsAnySeller(c);
            var defendants = new HashSet<string>(StringComparer.Ordinal);
            var authorized = new HashSet<string>(StringComparer.Ordinal);
            for (int s = 0; s < StorefrontCount; s++)
            {
                // An any-seller order names no defendants: there "defendant" means nothing, "both" is authorized.
                if (!anySeller && (roles[c, s] & 1) != 0)
                {
                    defendants.Add(Storefront(s));
                }
                if ((roles[c, s] & 2) != 0)
                {
                    authorized.Add(Storefront(s));
                }
            }
            if (!anySeller && defendants.Count == 0)
            {
                defendants.Add("nobody"); // a defendants order names someone
            }
            string? notice = c % 4 == 1 ? "N-" + (c % 3) : null;
            var model = new CaseModel($"case-{c:D2}", MarkText(c), anySeller, defendants, authorized, notice);
            _cases.Add(model);
            WriteCase(model);
        }
    }

    [Fact]
    public void EveryCaseSeesEveryStorefrontAsItsOwnListsSay()
    {
        var snapshot = Engines.NewLoader(new FakeClock(2025, 6, 1)).Load(_folder.Folder);
        var classifier = new ListingClassifier(Engines.NewProber(), new FakeClock(2025, 6, 1), ClassifierLimits.Default);
        var allMarks = string.Join(" ", _cases.Select(k => k.MarkText));
        int checkedCases = 0;

        for (int s = 0; s < StorefrontCount; s++)
        {
            foreach (string listingId in new[] { "N-0", "N-1", "N-2", "L-plain" })
            {
                string storefront = Storefront(s);
                var listing = new Listing { ListingId = listingId, StorefrontId = storefront, Title = allMarks };
                var decision = classifier.Classify(snapshot, listing, Channel.Advertising);

                var expectedNotices = new List<string>();
                var expectedMarks = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var k in _cases)
                {
                    if (k.Authorized.Contains(storefront))
                    {
                        continue;
                    }
                    if (k.NoticeListing == listingId)
                    {
                        expectedNotices.Add(k.Id);
                    }
                    if (k.AnySeller || k.Defendants.Contains(storefront))
                    {
                        expectedMarks.Add(k.Id);
                    }
                    checkedCases++;
                }

                var notices = decision.Evidence.Where(e => e.Notice is not null).Select(e => e.CaseId).ToList();
                var marks = new SortedSet<string>(decision.Evidence.Where(e => e.Mark is not null).Select(e => e.CaseId), StringComparer.Ordinal);
                Assert.Equal(expectedNotices, notices);
                Assert.Equal(expectedMarks, marks);
                Assert.Equal(expectedNotices.Count + expectedMarks.Count == 0 ? Verdict.Allow : Verdict.Block, decision.Verdict);
            }
        }
        Assert.True(checkedCases > CaseCount * StorefrontCount, "the model judged too few (storefront, case) pairs");
    }

    [Fact]
    public void StorefrontsNamedTheSameWayShareOneTableAndTheOthersDoNot()
    {
        var snapshot = Engines.NewLoader(new FakeClock(2025, 6, 1)).Load(_folder.Folder);
        var index = Internal.SnapshotIndex.For(snapshot);
        Assert.Same(index.StatesOf(Storefront(3)), index.StatesOf(Storefront(13)));
        Assert.NotSame(index.StatesOf(Storefront(3)), index.StatesOf(Storefront(23)));
        var named = new HashSet<string>(_cases.SelectMany(k => k.Defendants.Concat(k.Authorized)), StringComparer.Ordinal);
        Assert.Equal(named.Count, index.NamedStorefrontCount);
        for (int a = 0; a < StorefrontCount; a++)
        {
            for (int b = 0; b < StorefrontCount; b++)
            {
                // Same states in every case: authorized the same, and (when not authorized) a defendant the same.
                bool sameStates = _cases.All(k =>
                    k.Authorized.Contains(Storefront(a)) == k.Authorized.Contains(Storefront(b))
                    && (k.Authorized.Contains(Storefront(a)) || k.Defendants.Contains(Storefront(a)) == k.Defendants.Contains(Storefront(b))));
                Assert.Equal(sameStates, ReferenceEquals(index.StatesOf(Storefront(a)), index.StatesOf(Storefront(b))));
            }
        }
    }

    private static bool IsAnySeller(int c) => c % 5 == 0;

    private static string Storefront(int s) => $"store-{s:D2}";

    /// <summary>One mark per case, all of one length: "Qx", two letters that spell the case number, "zork".</summary>
    private static string MarkText(int c) => "Qx" + (char)('a' + c / 10) + (char)('a' + c % 10) + "zork";

    private void WriteCase(CaseModel k)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine($"id: {k.Id}");
        yaml.AppendLine("effective_from: 2024-01-01");
        yaml.AppendLine($"scope: {(k.AnySeller ? "any_seller" : "defendants")}");
        yaml.AppendLine("channels:");
        yaml.AppendLine("  advertising: enforced");
        yaml.AppendLine("marks:");
        yaml.AppendLine($"  - id: mark-{k.Id}");
        yaml.AppendLine($"    text: {k.MarkText}");
        if (!k.AnySeller)
        {
            yaml.AppendLine($"defendants: [{string.Join(", ", k.Defendants)}]");
        }
        if (k.Authorized.Count != 0)
        {
            yaml.AppendLine($"authorized_sellers: [{string.Join(", ", k.Authorized)}]");
        }
        if (k.NoticeListing is not null)
        {
            _folder.Write($"notices/{k.Id}.csv", $"listing_id,received,reference\n{k.NoticeListing},2024-02-01,ref-{k.Id}\n");
            yaml.AppendLine($"notices_file: notices/{k.Id}.csv");
        }
        _folder.Write($"cases/{k.Id}.yaml", yaml.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
