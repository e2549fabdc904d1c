using ClassifyRpc.PerfHarness;

// ClassifyRpc end-to-end perf harness: see HarnessOptions.Usage, or run scripts/perf.sh --help.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

HarnessOptions options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"perf harness: {e.Message}");
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C stops the run cleanly (the server child is stopped, results so far are written).
    e.Cancel = true;
    cancel.Cancel();
};
return options.Growth is not null
    ? await new GrowthSweep(options, args).RunAsync(cancel.Token).ConfigureAwait(false)
    : await new Harness(options, args).RunAsync(cancel.Token).ConfigureAwait(false);
