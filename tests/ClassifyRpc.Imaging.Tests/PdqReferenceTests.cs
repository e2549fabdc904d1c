using ClassifyRpc.Tests;
using Xunit;
using Xunit.Abstractions;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>
/// Our hasher against the hashes Meta's C++ reference printed for the images in tests/data/pdq-reference.
/// The reference's own tolerance: identical decoded pixels give identical hashes (lossless files must be
/// equal), decoded JPEGs fall within 10 bits (JPEG decoders differ slightly).
/// </summary>
public sealed class PdqReferenceTests
{
    private const int JpegTolerance = 10;
    private static readonly PdqHasher s_hasher = new(ImageLimits.Default);
    private readonly ITestOutputHelper _output;

    public PdqReferenceTests(ITestOutputHelper output) => _output = output;

    public static TheoryData<string, string, int> Expected()
    {
        var data = new TheoryData<string, string, int>();
        foreach (string line in File.ReadLines(RepoPaths.Data("pdq-reference", "expected.csv")).Skip(1))
        {
            string[] fields = line.Split(',');
            data.Add(fields[0], fields[1], int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Hash_MatchesReference(string file, string expectedHex, int expectedQuality)
    {
        Assert.True(PdqHash.TryParseHex(expectedHex, out PdqHash expected));
        PdqResult result = s_hasher.Hash(File.ReadAllBytes(RepoPaths.Data("pdq-reference", file)));
        int distance = PdqHash.Distance(result.Hash, expected);
        _output.WriteLine($"{file}: distance {distance}, quality {result.Quality} (reference {expectedQuality})");

        if (file.EndsWith(".png", StringComparison.Ordinal))
        {
            Assert.Equal(expectedHex, result.Hash.ToHex());
        }
        else
        {
            Assert.InRange(distance, 0, JpegTolerance);
        }
        Assert.Equal(expectedQuality, result.Quality);
    }

    [Fact]
    public void JpegHashes_CountExactlyEqual()
    {
        int jpegs = 0, exact = 0, worst = 0;
        foreach (object[] row in Expected())
        {
            var (file, hex) = ((string)row[0], (string)row[1]);
            if (!file.EndsWith(".jpg", StringComparison.Ordinal))
            {
                continue;
            }
            PdqHash.TryParseHex(hex, out PdqHash expected);
            int distance = PdqHash.Distance(s_hasher.Hash(File.ReadAllBytes(RepoPaths.Data("pdq-reference", file))).Hash, expected);
            jpegs++;
            exact += distance == 0 ? 1 : 0;
            worst = Math.Max(worst, distance);
        }
        _output.WriteLine($"JPEG reference hashes exactly equal: {exact} of {jpegs}; largest distance {worst}");
        Assert.InRange(worst, 0, JpegTolerance);
    }

    [Fact]
    public void Dihedral_OfBridgeOriginal_MatchesReferenceTable()
    {
        string[] lines = File.ReadAllLines(RepoPaths.Data("pdq-reference", "dihedral-of-bridge-1-original.csv"));
        Span<PdqHash> eight = stackalloc PdqHash[8];
        int quality = s_hasher.HashDihedral(File.ReadAllBytes(RepoPaths.Data("pdq-reference", "dih", "bridge-1-original.jpg")), eight);
        Assert.Equal(100, quality);
        Assert.Equal(9, lines.Length);
        int exact = 0;
        for (int i = 0; i < 8; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            Assert.True(PdqHash.TryParseHex(fields[1], out PdqHash expected));
            int distance = PdqHash.Distance(eight[i], expected);
            _output.WriteLine($"{fields[0]}: distance {distance}");
            Assert.InRange(distance, 0, JpegTolerance);
            exact += distance == 0 ? 1 : 0;
        }
        _output.WriteLine($"dihedral hashes exactly equal: {exact} of 8");
    }
}
