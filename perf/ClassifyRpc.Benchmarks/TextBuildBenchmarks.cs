using BenchmarkDotNet.Attributes;
using ClassifyRpc.Text;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// Compiling 100,000 made-up marks (6 to 12 letters, no fuzzy expansion) into one automaton; the
/// automaton's table size is printed at setup, the build's allocations come from MemoryDiagnoser.
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*TextBuild*' --job short
/// </summary>
[MemoryDiagnoser]
public class TextBuildBenchmarks
{
    private MarkDefinition[] _marks = [];

    [GlobalSetup]
    public void Setup()
    {
        _marks = TextBenchmarkData.RandomMarks(100_000, seed: 100_000);
        MarkAutomaton automaton = Build();
        Console.WriteLine($"// 100k marks: {automaton.PatternCount} spellings, {automaton.StateCount} states, {automaton.MemoryBytes:N0} bytes");
    }

    [Benchmark]
    public MarkAutomaton Build() => MarkAutomaton.Build(_marks);
}
