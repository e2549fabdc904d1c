using Xunit;

namespace ClassifyRpc.Docket.Tests;

/// <summary>The harness caches dockets by options and seed: the same ones must give the same bytes, file for file.</summary>
public sealed class DeterminismTests
{
    private static readonly DocketOptions s_small = new()
    {
        Orders = 30, DefendantsPerOrder = 20, WorkOrders = 6, Listings = 300, AnySellerEvery = 4,
    };

    [Fact]
    public void SameSeedSameBytes()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        DocketGenerator.Write(s_small, first.Path);
        DocketGenerator.Write(s_small, second.Path);

        Dictionary<string, byte[]> a = Files(first.Path);
        Dictionary<string, byte[]> b = Files(second.Path);
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, bytes) in a)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(b[path]), $"{path} differs between two runs with the same seed");
        }
        // Every kind of file is there: cases, defendants, notices, works, listings, the summary.
        Assert.Contains(a.Keys, p => p.StartsWith("registry/cases/", StringComparison.Ordinal));
        Assert.Contains(a.Keys, p => p.StartsWith("registry/defendants/", StringComparison.Ordinal));
        Assert.Contains(a.Keys, p => p.StartsWith("registry/notices/", StringComparison.Ordinal));
        Assert.Equal(6, a.Keys.Count(p => p.StartsWith("registry/works/", StringComparison.Ordinal)));
        Assert.Contains(DocketGenerator.ListingsFileName, a.Keys);
    }

    [Fact]
    public void AnotherSeedAnotherDocket()
    {
        DocketPlan one = DocketGenerator.Plan(s_small);
        DocketPlan other = DocketGenerator.Plan(s_small with { Seed = 2 });
        Assert.NotEqual(one.Marks.Select(m => m.Text), other.Marks.Select(m => m.Text));
        Assert.False(DocketGenerator.PaintWork(s_small, one.Works[0]).AsSpan().SequenceEqual(DocketGenerator.PaintWork(s_small with { Seed = 2 }, other.Works[0])));
    }

    [Fact]
    public void RefusesAFolderThatIsNotEmpty()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        File.WriteAllText(System.IO.Path.Combine(folder.Path, "stale.txt"), "left over");
        Assert.Throws<IOException>(() => DocketGenerator.Write(s_small, folder.Path));
    }

    private static Dictionary<string, byte[]> Files(string root)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            files[System.IO.Path.GetRelativePath(root, path).Replace('\\', '/')] = File.ReadAllBytes(path);
        }
        return files;
    }
}
