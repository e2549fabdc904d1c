using ClassifyRpc.Registry;
using ClassifyRpc.Tests;
using Xunit;

namespace ClassifyRpc.Docket.Tests;

/// <summary>
/// The perf harness's reload scenario adds one order to a copy of a docket's registry: the folder must then load as the
/// docket one order larger, the first orders untouched (same ids, same marks), the new one's marks and defendants its own.
/// </summary>
public sealed class AddOrderTests
{
    private static readonly DocketOptions s_small = new()
    {
        // 13 orders: the added one (index 12) has notices (every 25th from the 13th) and, with 20 work orders, a work.
        Orders = 12, DefendantsPerOrder = 20, WorkOrders = 20, Listings = 50,
    };

    [Fact]
    public void TheFolderLoadsAsTheDocketOneOrderLarger()
    {
        using var folder = new TempFolder();
        DocketSummary summary = DocketGenerator.Write(s_small, folder.Path);
        DocketPlan before = DocketGenerator.Plan(s_small);

        DocketPlan after = DocketGenerator.Plan(s_small with { Orders = s_small.Orders + 1 });
        DocketOrder added = DocketGenerator.AddOrder(after, summary.RegistryFolder);

        Assert.Equal(s_small.Orders + 1, after.Orders.Count);
        for (int o = 0; o < before.Orders.Count; o++)
        {
            Assert.Equal(before.Orders[o].Id, after.Orders[o].Id);
            Assert.Equal(before.Orders[o].Marks.Select(m => m.Text), after.Orders[o].Marks.Select(m => m.Text));
        }
        Assert.Same(after.Orders[^1], added);
        Assert.True(added.NoticeCount > 0 && added.Works.Count == 1, "the added order should exercise notices and works");

        var clock = new FakeClock(new DateTimeOffset(SmallDocket.Today.Year, SmallDocket.Today.Month, SmallDocket.Today.Day, 12, 0, 0, TimeSpan.Zero));
        RegistrySnapshot snapshot = Engines.NewLoader(clock).Load(summary.RegistryFolder);
        Assert.Equal(s_small.Orders + 1, snapshot.Cases.Count);
        Assert.Equal((s_small.Orders + 1) * s_small.MarksPerOrder, snapshot.Marks.Count);
        Assert.Contains(snapshot.Cases, c => c.Id == added.Id);
        Assert.Equal(summary.Notices + added.NoticeCount, snapshot.NoticeCount);
    }

    [Fact]
    public void RefusesToAddTheSameOrderTwice()
    {
        using var folder = new TempFolder();
        DocketSummary summary = DocketGenerator.Write(s_small with { WorkOrders = 0 }, folder.Path);
        DocketPlan larger = DocketGenerator.Plan(s_small with { WorkOrders = 0, Orders = s_small.Orders + 1 });
        DocketGenerator.AddOrder(larger, summary.RegistryFolder);
        Assert.Throws<IOException>(() => DocketGenerator.AddOrder(larger, summary.RegistryFolder));
    }
}
