namespace ClassifyRpc.Text.Tests;

/// <summary>What callers rely on: a shared automaton, no allocation per scan.</summary>
public sealed class ScanContractTests
{
    private static readonly string[] s_texts =
    [
        "Kawaii Squishmallows plush 40cm, soft toy for kids",
        "Super soft material, safe for children. Just like L\u200Dur\u200Bni but cheaper.",
        "Premium \u24C8\u24DD\u24E4\u24D6\u24D6\u24DB\u24D4\u24E6\u24DE\u24DC\u24DF Fox Blanket",
        "Womp Pals! and Snugglewamp, \U0001F600 emoji",
        string.Concat(Enumerable.Repeat("Machine washable plush toy with Lumi inside. ", 2500)),
    ];

    [Fact]
    public void ScanAllocatesNothingOnceWarm()
    {
        MarkAutomaton automaton = MarkFixture.Registry.Value;
        var buffer = new MarkHitBuffer(4096);
        foreach (string text in s_texts)
        {
            buffer.Clear();
            automaton.Scan(text, buffer);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int hits = 0;
        for (int round = 0; round < 20; round++)
        {
            foreach (string text in s_texts)
            {
                buffer.Clear();
                automaton.Scan(text, buffer);
                hits += buffer.Count;
            }
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(hits > 0);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ConcurrentScansOfOneAutomatonAgree()
    {
        MarkAutomaton automaton = MarkFixture.Registry.Value;
        MarkHit[][] expected = [.. s_texts.Select(t =>
        {
            var b = new MarkHitBuffer();
            automaton.Scan(t, b);
            return b.AsSpan().ToArray();
        })];

        Parallel.For(0, 64, i =>
        {
            var buffer = new MarkHitBuffer();
            for (int round = 0; round < 20; round++)
            {
                int t = (i + round) % s_texts.Length;
                buffer.Clear();
                automaton.Scan(s_texts[t], buffer);
                Assert.Equal(expected[t], buffer.AsSpan().ToArray());
            }
        });
    }
}
