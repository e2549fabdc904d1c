using ClassifyRpc.Imaging.Internal;
using Xunit;
using Xunit.Abstractions;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>
/// The matching targets on tests/data/images-public: every copy that is not "hard" at distance 31 or
/// less from its own work, at least half of the hard ones (20% crop, pasted into a photo, rotated 15
/// degrees) within the review distance 45, and no distractor within 45 of any work. Then each trick is
/// switched off in turn to show what it buys.
/// </summary>
public sealed class ImagesPublicTests
{
    private const int BlockDistance = 31;
    private const int ReviewDistance = 45;
    private static readonly PdqHasher s_hasher = new(ImageLimits.Default);
    private readonly ITestOutputHelper _output;

    public ImagesPublicTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Targets_AreMet()
    {
        ImagesPublicEvaluation e = ImagesPublicEvaluation.Run(new ImageProber(s_hasher));
        Report("all tricks", e);

        Assert.Equal(100, e.Copies.Count);
        Assert.Equal(40, e.Distractors.Count);
        foreach (ImagesPublicEvaluation.Copy copy in e.Copies.Where(c => !c.Hard))
        {
            Assert.True(copy.DistanceToWork <= BlockDistance, $"{copy.File}: {copy.DistanceToWork} from its work");
            Assert.True(copy.DistanceToOtherWork > ReviewDistance, $"{copy.File}: {copy.DistanceToOtherWork} from another work");
        }
        var hard = e.Copies.Where(c => c.Hard).ToList();
        Assert.Equal(15, hard.Count);
        Assert.True(2 * hard.Count(c => c.DistanceToWork <= ReviewDistance) >= hard.Count);
        Assert.All(hard, c => Assert.True(c.DistanceToOtherWork > ReviewDistance, $"{c.File}: {c.DistanceToOtherWork} from another work"));
        Assert.All(e.Distractors, d => Assert.True(d.DistanceToNearestWork > ReviewDistance, $"{d.File}: {d.DistanceToNearestWork} from a work"));
    }

    [Fact]
    public void EachTrick_BuysMatches()
    {
        ProberOptions all = ProberOptions.Default;
        ImagesPublicEvaluation plain = Run("plain PDQ + dihedrals", ProberOptions.PlainOnly);
        ImagesPublicEvaluation noTrim = Run("without border trimming", all with { TrimBorders = false });
        ImagesPublicEvaluation noTrimNoInsets = Run("without trimming, insets", all with { TrimBorders = false, FindInsets = false });
        ImagesPublicEvaluation noCrops = Run("without stored crops", all with { WorkCropScales = [] });
        ImagesPublicEvaluation noInsets = Run("without inset search", all with { FindInsets = false });
        ImagesPublicEvaluation noRotations = Run("without stored rotations", all with { WorkRotations = [] });

        // Plain PDQ misses the 5% crops and white borders, as the design says of the reference.
        Assert.Contains(plain.Copies, c => c.Transform is "crop_5" or "pad_white_5" && c.DistanceToWork > BlockDistance);
        // A padded copy is found by trimming its border, or as an inset (the padding's edge is a
        // rectangle); without both it is lost.
        Assert.Contains(noTrimNoInsets.Copies, c => c.Transform == "pad_white_5" && c.DistanceToWork > BlockDistance);
        Assert.All(noTrim.Copies.Where(c => c.Transform == "pad_white_5"), c => Assert.True(c.DistanceToWork <= BlockDistance));
        Assert.All(noInsets.Copies.Where(c => c.Transform == "pad_white_5"), c => Assert.True(c.DistanceToWork <= BlockDistance));
        Assert.Contains(noCrops.Copies, c => c.Transform == "crop_5" && c.DistanceToWork > BlockDistance);
        Assert.All(noCrops.Copies.Where(c => c.Transform == "hard_crop_20"), c => Assert.True(c.DistanceToWork > ReviewDistance));
        Assert.All(noInsets.Copies.Where(c => c.Transform == "hard_pasted_60"), c => Assert.True(c.DistanceToWork > ReviewDistance));
        Assert.All(noRotations.Copies.Where(c => c.Transform == "hard_rotate_15"), c => Assert.True(c.DistanceToWork > ReviewDistance));
        // ...and each costs hashes stored or looked up.
        Assert.True(noCrops.StoredHashes < Run("all tricks", all).StoredHashes);
        Assert.True(noInsets.MeanLookups < plain.MeanLookups + 1);
    }

    private ImagesPublicEvaluation Run(string name, ProberOptions options)
    {
        ImagesPublicEvaluation e = ImagesPublicEvaluation.Run(new ImageProber(s_hasher, options));
        Report(name, e);
        return e;
    }

    private void Report(string name, ImagesPublicEvaluation e)
    {
        int easy = e.Copies.Count(c => !c.Hard), hard = e.Copies.Count(c => c.Hard);
        _output.WriteLine(
            $"{name,-26} stored {e.StoredHashes,4} hashes ({e.StoredHashes / 5.0:F1}/work), {e.MeanLookups:F2} lookups/image; " +
            $"non-hard <= 31: {e.Copies.Count(c => !c.Hard && c.DistanceToWork <= BlockDistance)}/{easy}; " +
            $"hard <= 45: {e.Copies.Count(c => c.Hard && c.DistanceToWork <= ReviewDistance)}/{hard}; " +
            $"nearest distractor {e.Distractors.Min(d => d.DistanceToNearestWork)}, nearest other work {e.Copies.Min(c => c.DistanceToOtherWork)}");
        foreach (var group in e.Copies.GroupBy(c => c.Transform).OrderBy(g => g.Key))
        {
            _output.WriteLine($"    {group.Key,-26} {string.Join(" ", group.Select(c => c.DistanceToWork.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3)))}");
        }
    }
}
