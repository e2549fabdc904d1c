using BenchmarkDotNet.Attributes;
using ClassifyRpc.Imaging;
using ClassifyRpc.Imaging.Internal;
using ClassifyRpc.Tests;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// What each crop/border trick costs in time: a listing image's probe (plain hash, + border trim,
/// + inset search) on an images-public copy pasted into a photo (800x800 PNG), and a work's fingerprint
/// (dihedrals, + 4 centred crops, + 6 rotations) on a registry work (512x512 PNG). Decode included.
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*ArtworkTrick*' --job short
/// </summary>
[MemoryDiagnoser]
public class ArtworkTrickBenchmarks
{
    private readonly PdqHasher _hasher = new(ImageLimits.Default);
    private ImageProber _prober = null!;
    private byte[] _listing = [];
    private byte[] _work = [];

    /// <summary>plain: dihedrals/plain hash only; trim: + uniform borders; insets: + pasted rectangles;
    /// crops: + centred crops; rotations: + rotations; all: the shipped defaults.</summary>
    [Params("plain", "trim", "insets", "crops", "rotations", "all")]
    public string Tricks { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        ProberOptions plain = ProberOptions.PlainOnly;
        ProberOptions options = Tricks switch
        {
            "plain" => plain,
            "trim" => plain with { TrimBorders = true },
            "insets" => plain with { FindInsets = true },
            "crops" => plain with { WorkCropScales = ProberOptions.Default.WorkCropScales },
            "rotations" => plain with { WorkRotations = ProberOptions.Default.WorkRotations },
            _ => ProberOptions.Default,
        };
        _prober = new ImageProber(_hasher, options);
        _listing = File.ReadAllBytes(RepoPaths.Data("images-public", "wendy-the-frog__hard_pasted_60.png"));
        _work = File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "wendy-the-frog.png"));
    }

    [Benchmark]
    public int Probe() => _prober.Probe(_listing).Lookups.Count;

    [Benchmark]
    public int FingerprintWork() => _prober.FingerprintWork(_work).Hashes.Count;
}
