using BenchmarkDotNet.Attributes;
using ClassifyRpc.Imaging;
using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// PDQ from encoded bytes (decode included) and the hashing step alone (from the decoded luma), on a
/// 512x512 PNG and a 1000x1000 JPEG (pre-resized to 512x512 by the reference rule, so the hashing step
/// sees 512x512 in both). images/s = 1 / mean. Also what the artwork matcher does per image: the probe
/// of a listing image and the fingerprint of a work.
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*PdqHashing*' --job short
/// </summary>
[MemoryDiagnoser]
public class PdqHashingBenchmarks
{
    private readonly PdqHasher _hasher = new(ImageLimits.Default);
    private ImageProber _prober = null!;
    private byte[] _encoded = [];
    private LumaImage _luma;
    private float[] _lumaCopy = [];

    [Params("png512", "jpeg1000")]
    public string Image { get; set; } = "png512";

    [GlobalSetup]
    public void Setup()
    {
        _prober = new ImageProber(_hasher);
        _encoded = Image == "png512" ? PdqBenchmarkImages.Png512() : PdqBenchmarkImages.Jpeg1000();
        _luma = LumaDecoder.Decode(_encoded, ImageLimits.Default);
        _lumaCopy = new float[_luma.Rows * _luma.Cols];
    }

    [GlobalCleanup]
    public void Cleanup() => _luma.Dispose();

    /// <summary>Decode + hash: what HashImages does for one new image.</summary>
    [Benchmark(Baseline = true)]
    public PdqResult HashFromBytes() => _hasher.Hash(_encoded);

    /// <summary>Decoding to luma alone (SkiaSharp, limits, the reference's 512 pre-resize).</summary>
    [Benchmark]
    public int DecodeOnly()
    {
        using LumaImage luma = LumaDecoder.Decode(_encoded, ImageLimits.Default);
        return luma.Rows;
    }

    /// <summary>The hashing step alone after decode (filter, DCT, median, quality).</summary>
    [Benchmark]
    public PdqResult HashAfterDecode()
    {
        _luma.Pixels.CopyTo(_lumaCopy);
        return PdqHasher.HashLumaInPlace(_lumaCopy, _luma.Rows, _luma.Cols);
    }

    /// <summary>Decode + the 8 dihedral hashes.</summary>
    [Benchmark]
    public int HashDihedralFromBytes()
    {
        Span<PdqHash> eight = stackalloc PdqHash[8];
        return _hasher.HashDihedral(_encoded, eight);
    }

    /// <summary>A listing image's lookups: plain hash, trimmed hash, inset search.</summary>
    [Benchmark]
    public int ProbeFromBytes() => _prober.Probe(_encoded).Lookups.Count;

    /// <summary>A work's stored hashes: dihedrals of itself, crops, rotations.</summary>
    [Benchmark]
    public int FingerprintWorkFromBytes() => _prober.FingerprintWork(_encoded).Hashes.Count;
}
