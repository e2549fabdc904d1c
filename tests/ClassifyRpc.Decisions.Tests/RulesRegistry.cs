using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;

namespace ClassifyRpc.Tests;

/// <summary>
/// A registry made to exercise every decision rule, written to a temporary folder once per test class.
/// <list type="bullet">
/// <item>alpha-v-defendants: active 2024-03-01 until 2025-03-01 (exclusive); advertising enforced, email
/// stayed, nothing on the other channels; scope defendants (def-1, def-2, shared-seller); authorized
/// alpha-official and shared-seller; fuzzy_verdict review; mark alphawidget (anywhere, fuzzy); work
/// cam-the-cat at the default distances (31/45); notice on listing N-1.</item>
/// <item>beta-v-everyone: active from 2024-01-01; advertising, search and recommendation enforced;
/// scope any_seller; authorized beta-official; fuzzy_verdict block; marks betagizmo (anywhere, fuzzy)
/// and zeta-pals (word); work womp-bear at distances 10/20.</item>
/// </list>
/// </summary>
public sealed class RulesRegistry : IDisposable
{
    public const string Alpha = "alpha-v-defendants";
    public const string Beta = "beta-v-everyone";

    private readonly TempRegistry _folder;

    public RulesRegistry()
    {
        _folder = new TempRegistry()
            .WriteBytes("works/cam-the-cat.png", File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "cam-the-cat.png")))
            .WriteBytes("works/womp-bear.png", File.ReadAllBytes(Path.Combine(RepoPaths.DefaultRegistry, "works", "womp-bear.png")))
            .Write("notices/alpha.csv", "listing_id,received,reference\nN-1,2024-03-02,alpha-notice-1\n")
            .Write("cases/alpha.yaml", """
                id: alpha-v-defendants
                title: Alpha v. Defendants
                effective_from: 2024-03-01
                expires: 2025-03-01
                scope: defendants
                channels:
                  advertising: enforced
                  email: stayed
                marks:
                  - id: alphawidget
                    text: Alphawidget
                    fuzzy: true
                works:
                  - id: cam-the-cat
                    images: [works/cam-the-cat.png]
                defendants: [def-2, def-1, shared-seller, def-1]
                authorized_sellers: [alpha-official, shared-seller]
                notices_file: notices/alpha.csv
                """)
            .Write("cases/beta.yaml", """
                id: beta-v-everyone
                effective_from: 2024-01-01
                scope: any_seller
                channels:
                  advertising: enforced
                  search: enforced
                  recommendation: enforced
                fuzzy_verdict: block
                artwork:
                  block_distance: 10
                  review_distance: 20
                marks:
                  - id: betagizmo
                    text: Betagizmo
                    fuzzy: true
                  - id: zeta-pals
                    text: Zeta Pals
                    mode: word
                works:
                  - id: womp-bear
                    images: [works/womp-bear.png]
                authorized_sellers: [beta-official]
                """);
        Snapshot = Engines.NewLoader(new FakeClock(2024, 6, 1)).Load(_folder.Folder);
        Prober = Engines.NewProber();
        CamTheCat = Prober.FingerprintWork(File.ReadAllBytes(_folder.PathOf("works/cam-the-cat.png")));
        WompBear = Prober.FingerprintWork(File.ReadAllBytes(_folder.PathOf("works/womp-bear.png")));
    }

    public RegistrySnapshot Snapshot { get; }

    public ImageProber Prober { get; }

    public WorkFingerprint CamTheCat { get; }

    public WorkFingerprint WompBear { get; }

    /// <summary>A hash whose smallest distance to <paramref name="work"/>'s stored hashes is exactly
    /// <paramref name="distance"/>, and that stays farther than <paramref name="awayFrom"/>'s review
    /// distance from the other work: built by flipping bits of the work's plain hash one at a time,
    /// keeping a flip only when it moves the nearest stored hash one bit farther.</summary>
    public static PdqHash HashAtDistance(WorkFingerprint work, int distance, WorkFingerprint awayFrom)
    {
        var start = work.Hashes[0];
        ulong[] words = [start.W0, start.W1, start.W2, start.W3];
        int current = MinDistance(work, Make(words));
        for (int bit = 0; bit < 256 && current < distance; bit++)
        {
            words[bit >> 6] ^= 1UL << (bit & 63);
            int next = MinDistance(work, Make(words));
            if (next == current + 1)
            {
                current = next;
            }
            else
            {
                words[bit >> 6] ^= 1UL << (bit & 63);
            }
        }
        var hash = Make(words);
        if (MinDistance(work, hash) != distance || MinDistance(awayFrom, hash) <= 60)
        {
            throw new InvalidOperationException($"could not build a hash at distance {distance}");
        }
        return hash;
    }

    public static int MinDistance(WorkFingerprint work, PdqHash hash)
    {
        int min = int.MaxValue;
        foreach (var stored in work.Hashes)
        {
            min = Math.Min(min, PdqHash.Distance(stored, hash));
        }
        return min;
    }

    private static PdqHash Make(ulong[] w) => new(w[0], w[1], w[2], w[3]);

    public void Dispose() => _folder.Dispose();
}
