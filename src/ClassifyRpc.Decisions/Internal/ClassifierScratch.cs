using ClassifyRpc.Imaging;
using ClassifyRpc.Text;

namespace ClassifyRpc.Decisions.Internal;

/// <summary>
/// Per-thread working memory of the classifier, so judging a listing allocates nothing but its output
/// messages once the buffers have grown to the largest listing seen.
/// </summary>
internal sealed class ClassifierScratch
{
    [ThreadStatic]
    private static ClassifierScratch? t_current;

    public static ClassifierScratch Current => t_current ??= new ClassifierScratch();

    public MarkHitBuffer Hits { get; } = new(32);

    public List<ArtworkHit> ArtworkHits { get; } = new(8);

    /// <summary>By case ordinal: whether the query being judged matched a mark of the case. True exactly
    /// for the ordinals in <see cref="MatchedCaseOrdinals"/>, so a query resets what the last one set and
    /// nothing else.</summary>
    public bool[] MatchedCases { get; private set; } = new bool[8];

    /// <summary>The cases the query being judged matched, each once, in the order of their first hit.</summary>
    public List<int> MatchedCaseOrdinals { get; } = new(8);

    /// <summary>By image index: the lookups of each listing image, and its quality when known.</summary>
    public ImageProbe?[] Probes { get; private set; } = new ImageProbe?[16];

    public int[] Qualities { get; private set; } = new int[16];

    public bool[] QualityKnown { get; private set; } = new bool[16];

    /// <summary>Clears the last query's matched cases (also when it did not finish) and makes room for
    /// <paramref name="caseCount"/> cases.</summary>
    public void BeginQuery(int caseCount)
    {
        var matched = MatchedCases;
        foreach (int c in MatchedCaseOrdinals)
        {
            matched[c] = false;
        }
        MatchedCaseOrdinals.Clear();
        if (matched.Length < caseCount)
        {
            MatchedCases = new bool[Math.Max(caseCount, matched.Length * 2)];
        }
    }

    public void EnsureImages(int count)
    {
        if (Probes.Length < count)
        {
            int size = Math.Max(count, Probes.Length * 2);
            Probes = new ImageProbe?[size];
            Qualities = new int[size];
            QualityKnown = new bool[size];
        }
    }

    /// <summary>Drops the references to probes so a big image's lookups do not outlive the call.</summary>
    public void ReleaseProbes(int count) => Array.Clear(Probes, 0, Math.Min(count, Probes.Length));
}
