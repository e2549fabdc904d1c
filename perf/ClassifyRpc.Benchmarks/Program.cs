using BenchmarkDotNet.Running;

// Every benchmark class in this assembly; pick with --filter, e.g.
//   dotnet run -c Release --project perf/ClassifyRpc.Benchmarks -- --filter '*MarkScan*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
