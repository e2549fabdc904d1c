using System.Buffers;
using BenchmarkDotNet.Attributes;
using ClassifyRpc.Text;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// Scanning the ASCII fields of the listing corpus, each field on its own as the service does, counting
/// matches: the mark automaton against <see cref="SearchValues{T}"/> of strings (OrdinalIgnoreCase) given
/// every spelling the automaton finds, in the same run: its marks' own readings and, for fuzzy marks, every
/// one-typo spelling (what the automaton compiled itself before fuzzy marks became verified anchors, so the
/// baseline does the same matching job as it always did). One operation scans every field once;
/// chars/s = <see cref="TotalChars"/> / mean time. The median and the minimum are shown too: on a shared
/// machine a slow second now and then lifts a mean (and its error) without touching them.
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*TextScan*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class TextScanBenchmarks
{
    private string[] _fields = [];
    private MarkAutomaton _automaton = null!;
    private SearchValues<string> _searchValues = null!;
    private readonly MarkHitBuffer _hits = new(1024);

    /// <summary>registry: the bundled registry, fuzzy expansions included; plain1000: 1,000 made-up
    /// marks; marks10: ten brands without fuzzy expansion.</summary>
    [Params("registry", "plain1000", "marks10")]
    public string Marks { get; set; } = "registry";

    /// <summary>fields: each field scanned on its own (the service's calls, ~28 chars each); text: all
    /// fields joined by newlines into one text (raw throughput); benign: the fields of the listings
    /// labelled benign only, joined (no match to cut: the fast pass alone).</summary>
    [Params("fields", "text", "benign")]
    public string Layout { get; set; } = "fields";

    public long TotalChars { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _fields = TextBenchmarkData.LoadAsciiFields(benignOnly: Layout == "benign");
        if (Layout != "fields")
        {
            _fields = [string.Join("\n", _fields)];
        }
        TotalChars = _fields.Sum(f => (long)f.Length);
        MarkDefinition[] marks = Marks switch
        {
            "registry" => TextBenchmarkData.RegistryMarks(),
            "plain1000" => TextBenchmarkData.RandomMarks(1000, seed: 1000),
            "marks10" => TextBenchmarkData.TenMarks(),
            _ => throw new ArgumentException(Marks),
        };
        _automaton = MarkAutomaton.Build(marks);
        MarkAutomaton expanded = MarkAutomaton.Build(marks, MarkLimits.Default, Text.Internal.ScanStrategy.Auto, Text.Internal.FuzzyMode.Expanded);
        _searchValues = SearchValues.Create([.. expanded.Spellings], StringComparison.OrdinalIgnoreCase);
        Console.WriteLine($"// {Marks}/{Layout}: {marks.Length} marks, {_automaton.PatternCount} spellings, {_automaton.StateCount} states, " +
            $"{_automaton.MemoryBytes:N0} bytes; {_fields.Length} texts, {TotalChars:N0} chars; strategy {_automaton.Strategy}, anchor filter {(_automaton.Anchors is { } anchors ? $"{anchors.PieceCount} pieces{(anchors.Vectorized ? "" : ", scalar")}" : "none")}; " +
            $"hits {MarkAutomatonScan()}, SearchValues matches {SearchValuesIndexOfAny()}");
    }

    [Benchmark(Baseline = true)]
    public int SearchValuesIndexOfAny()
    {
        SearchValues<string> values = _searchValues;
        int count = 0;
        foreach (string field in _fields)
        {
            ReadOnlySpan<char> text = field;
            int at;
            while ((at = text.IndexOfAny(values)) >= 0)
            {
                count++;
                text = text[(at + 1)..];
            }
        }
        return count;
    }

    [Benchmark]
    public int MarkAutomatonScan() => TextBenchmarkData.ScanAll(_automaton, _fields, _hits);
}
