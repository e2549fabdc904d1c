using System.Diagnostics;
using ClassifyRpc.Docket;

// The generator's command: writes a docket (registry + labelled listings) into --out. See DocketOptions.Usage.
if (args is [] or ["--help"] or ["-h"])
{
    Console.WriteLine(DocketOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

DocketOptions options;
string? outDirectory;
try
{
    options = DocketOptions.Parse(args, out outDirectory);
    if (outDirectory is null)
    {
        throw new ArgumentException("--out DIR is required");
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"docket: {e.Message}");
    return 2;
}

var clock = Stopwatch.StartNew();
try
{
    DocketSummary summary = DocketGenerator.Write(options, Path.GetFullPath(outDirectory), step => Console.Error.WriteLine($"docket: {step} ({clock.Elapsed.TotalSeconds:0.0} s)"));
    Console.WriteLine($"{summary.Orders:N0} orders, {summary.Marks:N0} marks, {summary.Works:N0} works, {summary.Defendants:N0} defendants, " +
        $"{summary.Notices:N0} notices, {summary.Listings:N0} listings in {clock.Elapsed.TotalSeconds:0.0} s");
    Console.WriteLine($"registry: {summary.RegistryFolder}");
    Console.WriteLine($"listings: {summary.ListingsFile}");
    return 0;
}
catch (IOException e)
{
    Console.Error.WriteLine($"docket: {e.Message}");
    return 1;
}
