using System.Text.Json;
using ClassifyRpc.Tests;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>
/// Runs a prober over tests/data/images-public: every registry work fingerprinted, every manifest copy
/// and distractor probed, distances measured against the catalog.
/// </summary>
internal sealed class ImagesPublicEvaluation
{
    public sealed record Copy(string File, string Work, string Transform, bool Hard, int DistanceToWork, int DistanceToOtherWork);

    public sealed record Distractor(string File, int DistanceToNearestWork);

    public required IReadOnlyList<Copy> Copies { get; init; }

    public required IReadOnlyList<Distractor> Distractors { get; init; }

    public required int StoredHashes { get; init; }

    public required double MeanLookups { get; init; }

    public static ImagesPublicEvaluation Run(ImageProber prober)
    {
        string[] workFiles = Directory.GetFiles(Path.Combine(RepoPaths.DefaultRegistry, "works"), "*.png").Order(StringComparer.Ordinal).ToArray();
        string[] workIds = workFiles.Select(Path.GetFileNameWithoutExtension).ToArray()!;
        ArtworkCatalog catalog = ArtworkCatalog.Build(
            workFiles.Select((file, i) => (i, prober.FingerprintWork(File.ReadAllBytes(file)))).ToList());

        int lookups = 0, probes = 0;
        Dictionary<int, int> Nearest(string path)
        {
            ImageProbe probe = prober.Probe(File.ReadAllBytes(path));
            lookups += probe.Lookups.Count;
            probes++;
            var hits = new List<ArtworkHit>();
            catalog.FindWithin(probe, 256, hits);
            return hits.ToDictionary(h => h.WorkOrdinal, h => h.Distance);
        }

        var copies = new List<Copy>();
        string folder = RepoPaths.Data("images-public");
        foreach (string line in File.ReadLines(Path.Combine(folder, "manifest.jsonl")))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            string file = root.GetProperty("file").GetString()!;
            string work = root.GetProperty("work").GetString()!;
            Dictionary<int, int> nearest = Nearest(Path.Combine(folder, file));
            int own = Array.IndexOf(workIds, work);
            copies.Add(new Copy(file, work, root.GetProperty("transform").GetString()!, root.GetProperty("hard").GetBoolean(),
                nearest[own], nearest.Where(p => p.Key != own).Min(p => p.Value)));
        }
        var distractors = Directory.GetFiles(Path.Combine(folder, "distractors")).Order(StringComparer.Ordinal)
            .Select(path => new Distractor(Path.GetFileName(path), Nearest(path).Values.Min()))
            .ToList();
        return new ImagesPublicEvaluation
        {
            Copies = copies,
            Distractors = distractors,
            StoredHashes = catalog.HashCount,
            MeanLookups = (double)lookups / probes,
        };
    }
}
