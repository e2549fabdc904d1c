using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>
/// The post-processing of a scan's raw hits (README "One hit per occurrence"), against a plain
/// restatement of the rule on random raw hits: per mark, overlapping exact hits merge into their union,
/// a fuzzy hit overlapping an exact one is dropped, the other fuzzy hits merge among themselves, and the
/// result is ordered by start, then mark, longer first.
/// </summary>
public sealed class HitPostProcessorTests
{
    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ProcessMergesDropsAndOrdersAsTheRuleSays(int seed)
    {
        var random = new Random(seed);
        for (int n = 0; n < 5000; n++)
        {
            MarkHit[] raw = RandomHits(random);
            var buffer = new MarkHitBuffer(2);
            buffer.Add(new MarkHit(9, 100, 1, 0));   // a hit the scan was given: left alone
            foreach (MarkHit hit in raw)
            {
                buffer.Add(hit);
            }
            HitPostProcessor.Process(buffer, 1);

            Assert.Equal(new MarkHit(9, 100, 1, 0), buffer[0]);
            Assert.Equal(Expected(raw), buffer.AsSpan()[1..].ToArray());
        }
    }

    private static MarkHit[] RandomHits(Random random)
    {
        var hits = new MarkHit[random.Next(0, 9)];
        for (int i = 0; i < hits.Length; i++)
        {
            hits[i] = new MarkHit(random.Next(3), random.Next(30), random.Next(1, 9), random.Next(2));
        }
        return hits;
    }

    /// <summary>The rule, restated without the post-processor's sorting and single pass.</summary>
    private static MarkHit[] Expected(MarkHit[] raw)
    {
        var result = new List<MarkHit>();
        foreach (int mark in raw.Select(h => h.MarkIndex).Distinct())
        {
            List<(int Start, int End)> exact = Union(raw.Where(h => h.MarkIndex == mark && h.Edits == 0));
            List<(int Start, int End)> fuzzy = Union(raw.Where(h =>
                h.MarkIndex == mark && h.Edits == 1 && !exact.Any(e => e.Start < h.Start + h.Length && h.Start < e.End)));
            result.AddRange(exact.Select(e => new MarkHit(mark, e.Start, e.End - e.Start, 0)));
            result.AddRange(fuzzy.Select(f => new MarkHit(mark, f.Start, f.End - f.Start, 1)));
        }
        return [.. result.OrderBy(h => h.Start).ThenBy(h => h.MarkIndex).ThenByDescending(h => h.Length)];
    }

    /// <summary>The unions of the groups of hits connected by overlaps.</summary>
    private static List<(int Start, int End)> Union(IEnumerable<MarkHit> hits)
    {
        var merged = new List<(int Start, int End)>();
        foreach (MarkHit hit in hits.OrderBy(h => h.Start))
        {
            int end = hit.Start + hit.Length;
            if (merged.Count > 0 && hit.Start < merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((hit.Start, end));
            }
        }
        return merged;
    }
}
