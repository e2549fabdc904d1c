using BenchmarkDotNet.Attributes;
using ClassifyRpc.Docket;
using ClassifyRpc.Text;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// The text engine at a marketplace's size: the 50,000 marks of a generated docket (ClassifyRpc.Docket: 10,000
/// orders of 5 fanciful names, 30% word mode, 20% two words, 10% with a look-alike pair), compiled into one automaton
/// (<see cref="Build"/>), and the corpus fields scanned with it (<see cref="ScanDocket"/>) beside the same fields
/// scanned with the bundled registry's four marks (<see cref="ScanRegistry"/>, the baseline), as
/// <see cref="TextScanBenchmarks"/> scans them (each field on its own, as the service does).
/// <see cref="FuzzyPercent"/> is the share of the docket's marks with <c>fuzzy: true</c>: at 30, 15,000 fuzzy marks,
/// compiled as verified anchors (their one-typo spellings would need about 56 M states in the DFA).
///   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*DocketText*' --job short
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class DocketTextBenchmarks
{
    /// <summary>50,000 marks: 10,000 orders of 5.</summary>
    public const int Orders = 10_000;

    private MarkDefinition[] _marks = [];
    private string[] _fields = [];
    private MarkAutomaton _docket = null!;
    private MarkAutomaton _registry = null!;
    private readonly MarkHitBuffer _hits = new(1024);

    [Params(0, 30)]
    public int FuzzyPercent { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _marks = DocketMarks(FuzzyPercent);
        _fields = TextBenchmarkData.LoadAsciiFields();
        _registry = MarkAutomaton.Build(TextBenchmarkData.RegistryMarks());
        try
        {
            _docket = MarkAutomaton.Build(_marks);
        }
        catch (AutomatonLimitException e)
        {
            Console.WriteLine($"// docket {_marks.Length} marks, {FuzzyPercent}% fuzzy: the build is refused: {e.Message}");
            throw;
        }
        Console.WriteLine($"// docket {_marks.Length} marks, {FuzzyPercent}% fuzzy: {_docket.PatternCount} spellings, {_docket.StateCount} states, " +
            $"{_docket.MemoryBytes:N0} bytes, strategy {_docket.Strategy}; {_fields.Length} fields; hits: registry {ScanRegistry()}, docket {ScanDocket()}");
    }

    /// <summary>The marks of the docket of <see cref="Orders"/> orders (seed 1) with <paramref name="fuzzyPercent"/>% fuzzy.</summary>
    public static MarkDefinition[] DocketMarks(int fuzzyPercent)
    {
        DocketPlan plan = DocketGenerator.Plan(new DocketOptions { Orders = Orders, FuzzyShare = fuzzyPercent / 100.0 });
        var marks = new MarkDefinition[plan.Marks.Count];
        for (int i = 0; i < marks.Length; i++)
        {
            DocketMark mark = plan.Marks[i];
            marks[i] = new MarkDefinition(mark.Id, mark.Text, mark.Word ? MarkMode.Word : MarkMode.Anywhere, mark.Fuzzy, []);
        }
        return marks;
    }

    [Benchmark]
    public MarkAutomaton Build() => MarkAutomaton.Build(_marks);

    [Benchmark(Baseline = true)]
    public int ScanRegistry() => Scan(_registry);

    [Benchmark]
    public int ScanDocket() => Scan(_docket);

    private int Scan(MarkAutomaton automaton) => TextBenchmarkData.ScanAll(automaton, _fields, _hits);
}
