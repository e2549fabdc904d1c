using ClassifyRpc.Registry;
using ClassifyRpc.Tests;

namespace ClassifyRpc.Docket.Tests;

/// <summary>
/// A docket of 50 orders with the default shares (30% fuzzy), written once per test class into a temp folder and
/// loaded by the real loader on a day when every order is in force.
/// </summary>
public sealed class SmallDocket() : GeneratedDocket(new DocketOptions { Orders = 50, DefendantsPerOrder = 40, WorkOrders = 8, Listings = 800 });

/// <summary>
/// A docket of 2,000 orders (10,000 marks, about 3,000 fuzzy: compiled as verified anchors, and by the storefronts
/// they reach), with 3,000 listings planting its marks.
/// </summary>
public sealed class ThousandsOfOrdersDocket() : GeneratedDocket(new DocketOptions { Orders = 2_000, DefendantsPerOrder = 50, WorkOrders = 4, Listings = 3_000 });

/// <summary>A generated docket written into a temp folder and loaded by the real loader.</summary>
public abstract class GeneratedDocket : IDisposable
{
    /// <summary>After every generated effective date (they end in mid-2025), before every expiry (2099).</summary>
    public static readonly DateOnly Today = new(2026, 1, 15);

    private readonly TempFolder _folder = new();

    protected GeneratedDocket(DocketOptions options)
    {
        Options = options;
        Summary = DocketGenerator.Write(Options, _folder.Path);
        Plan = DocketGenerator.Plan(Options);
        Clock = new FakeClock(new DateTimeOffset(Today.Year, Today.Month, Today.Day, 12, 0, 0, TimeSpan.Zero));
        Snapshot = Engines.NewLoader(Clock).Load(Summary.RegistryFolder);
    }

    public DocketOptions Options { get; }

    public DocketSummary Summary { get; }

    public DocketPlan Plan { get; }

    public TimeProvider Clock { get; }

    public RegistrySnapshot Snapshot { get; }

    public void Dispose() => _folder.Dispose();
}
