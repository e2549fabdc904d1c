using ClassifyRpc.Imaging;
using Xunit;

namespace ClassifyRpc.Docket.Tests;

/// <summary>
/// Generated works on the project's own hasher: reliable hashes (quality 50 or more), and far apart, so that no
/// work's image comes near another work, neither its plain hash nor any of the ~94 hashes the registry stores per work
/// (dihedral copies, crops, small rotations): a listing showing one work must never be taken for another.
/// </summary>
public sealed class WorkImageTests
{
    private const int Sample = 48;

    [Fact]
    public void WorksHashReliablyAndFarApart()
    {
        var options = new DocketOptions { Orders = Sample, WorkOrders = Sample, DefendantsPerOrder = 1, Listings = 0 };
        DocketPlan plan = DocketGenerator.Plan(options);
        var prober = new ImageProber(new PdqHasher(ImageLimits.Default));
        var plain = new PdqResult[Sample];
        var stored = new WorkFingerprint[Sample];
        for (int i = 0; i < Sample; i++)
        {
            byte[] png = DocketGenerator.PaintWork(options, plan.Works[i]);
            Assert.Equal(0x89, png[0]); // PNG signature
            plain[i] = prober.Hasher.Hash(png);
            stored[i] = prober.FingerprintWork(png);
            Assert.True(plain[i].Quality >= 50, $"{plan.Works[i].Id}: PDQ quality {plain[i].Quality}");
        }

        int nearest = int.MaxValue;
        string pair = "";
        for (int i = 0; i < Sample; i++)
        {
            for (int j = 0; j < Sample; j++)
            {
                if (i == j)
                {
                    continue;
                }
                foreach (PdqHash hash in stored[j].Hashes)
                {
                    int distance = PdqHash.Distance(plain[i].Hash, hash);
                    if (distance < nearest)
                    {
                        nearest = distance;
                        pair = $"{plan.Works[i].Id} against {plan.Works[j].Id}";
                    }
                }
            }
        }
        Assert.True(nearest > 60, $"nearest works {nearest} bits apart: {pair}");
    }
}
