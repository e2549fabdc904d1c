using System.Globalization;
using ClassifyRpc.Docket;

namespace ClassifyRpc.PerfHarness;

/// <summary>Which services a run measures.</summary>
internal enum TargetSelection
{
    /// <summary>The real service and the echo, scenario by scenario (the default: ratios need both).</summary>
    Both,

    /// <summary>The echo alone: a smoke test of the harness itself, with synthesized answers.</summary>
    Echo,

    /// <summary>The real service alone (no ratios).</summary>
    Service,
}

/// <summary>The command line, parsed. Every option has a default that gives the documented run.</summary>
internal sealed class HarnessOptions
{
    public TargetSelection Target { get; private set; } = TargetSelection.Both;

    /// <summary>An already running server (http://host:port); when null the harness starts one.</summary>
    public Uri? Address { get; private set; }

    /// <summary>The built server assembly to start; defaults to the Release output inside the repo.</summary>
    public string? ServerDll { get; private set; }

    /// <summary>With <see cref="Address"/>: the server's process id, so working set can still be read.</summary>
    public int? ServerPid { get; private set; }

    public bool Quick { get; private set; }

    public bool Memory { get; private set; }

    public bool Markdown { get; private set; }

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Measured time per scenario and target, split into two windows run in ABBA order.</summary>
    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(2.5);

    public TimeSpan MemoryDuration { get; private set; } = TimeSpan.FromSeconds(60);

    /// <summary>Distinct generated text listings (the corpus is scaled up to this many).</summary>
    public int PoolSize { get; private set; } = 20_000;

    /// <summary>Listings carrying image bytes, each with bytes of its own: above the server's 4,096-entry image cache.</summary>
    public int BytesPoolSize { get; private set; } = 5_000;

    /// <summary>
    /// Largest request message the client builds (byte batches stop short of it). 16 MiB: well inside the server's
    /// 64 MiB default, so batches of 100 listings with image bytes are whole, and no single message stalls a stream.
    /// </summary>
    public int MaxMessageBytes { get; private set; } = 16 * 1024 * 1024;

    /// <summary>Only scenarios whose name contains this text run (handy when profiling one of them).</summary>
    public string? Filter { get; private set; }

    public string ResultsDirectory { get; private set; } = Path.Combine(ClassifyRpc.Tests.RepoPaths.Root, "perf", "results");

    public int Seed { get; private set; } = 20231;

    /// <summary>--docket: start the server on a generated registry of this many orders (null: the bundled registry).</summary>
    public int? DocketOrders { get; private set; }

    public int DocketSeed { get; private set; } = 1;

    /// <summary>Percent of the docket's marks that are fuzzy; null: the generator's default (30).</summary>
    public double? DocketFuzzyPercent { get; private set; }

    /// <summary>Listings generated with the docket, planting its marks, mixed into the corpus.</summary>
    public int DocketListings { get; private set; } = 10_000;

    /// <summary>Where generated dockets are kept and reused (one folder per size, seed and options).</summary>
    public string DocketCache { get; private set; } = Path.Combine(Path.GetTempPath(), "classifyrpc-dockets");

    /// <summary>--compare-bundled: a second server on the bundled registry, measured in the same windows' rotation.</summary>
    public bool CompareBundled { get; private set; }

    /// <summary>--reload-test: after the scenarios, add one order to (a copy of) the docket and reload it under load.</summary>
    public bool ReloadTest { get; private set; }

    /// <summary>--growth: docket sizes to sweep (each started cold, measured, stopped); null: a normal run.</summary>
    public IReadOnlyList<int>? Growth { get; private set; }

    /// <summary>The generator's options for a docket of <paramref name="orders"/>: its defaults (the marketplace-sized mix)
    /// with this run's seed, listings and fuzzy share.</summary>
    public DocketOptions DocketFor(int orders)
    {
        var docket = new DocketOptions { Orders = orders, Seed = DocketSeed, Listings = DocketListings };
        return DocketFuzzyPercent is double percent ? docket with { FuzzyShare = percent / 100 } : docket;
    }

    public static string Usage => """
        ClassifyRpc end-to-end perf harness (run it through scripts/perf.sh, which builds everything in Release).

          --target both|echo|service   what to measure (default both: every figure also as a ratio to the echo)
          --address http://host:port   measure a server that is already running instead of starting one
          --server-pid PID             with --address: the server's pid, to read its working set
          --server-dll PATH            the built server to start (default: src/ClassifyRpc.Server Release output)
          --quick                      ~25-second smoke run (five scenarios, short windows)
          --memory                     add the 60-second flat-memory run (server VmRSS at start and end)
          --markdown                   also write a Markdown table for the README next to the JSON
          --warmup SECONDS             warm-up before a target's first window in a scenario (default 0.5)
          --duration SECONDS           measured time per scenario and target, two windows in the order
                                       service, echo, echo, service (default 2.5)
          --memory-duration SECONDS    length of the memory run (default 60)
          --pool N                     distinct generated listings (default 20000)
          --bytes-pool N               distinct listings with image bytes, each image unique (default 5000)
          --max-message-bytes N        largest request message built (default 16777216; the server accepts 64 MiB)
          --filter TEXT                run only scenarios whose name contains TEXT
          --results DIR                where the JSON goes (default perf/results)
          --seed N                     generator seed (default 20231)
          --docket ORDERS              start the server on a generated registry of ORDERS court orders (perf/ClassifyRpc.Docket:
                                       5 marks and 200 defendants each, artwork for the first 1,000) and mix the listings
                                       generated with it, which plant its marks, into the corpus
          --docket-seed N              the docket's seed (default 1)
          --docket-fuzzy PCT           percent of the docket's marks that are fuzzy (default 30)
          --docket-listings N          generated listings mixed in (default 10000)
          --docket-cache DIR           where dockets are generated and reused (default $TMPDIR/classifyrpc-dockets)
          --compare-bundled            with --docket: also start a server on the bundled registry and measure it in every
                                       scenario with the same requests, windows in the order docket, bundled, echo, echo,
                                       bundled, docket (one server driven at a time); adds docket/bundled ratios
          --reload-test                with --docket: serve a private copy of the docket, and after the scenarios add one
                                       order to it and call ReloadRegistry while two streams of 1,000 run (reload time,
                                       errors, batch p99 during the reload vs just before)
          --growth N,N,...             a growth sweep instead of a run: for each docket size, start the server cold, time
                                       SERVING, read RSS, measure stream b=1000 x2 against the bundled registry (ABBA),
                                       RSS after; a warm restart too where the server keeps work fingerprints on disk;
                                       prints a Markdown table (--duration defaults to 5 s here)
        """;

    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions();
        bool timed = false;
        string? docketDetail = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--target":
                    options.Target = Next(args, ref i, arg) switch
                    {
                        "both" => TargetSelection.Both,
                        "echo" => TargetSelection.Echo,
                        "service" => TargetSelection.Service,
                        var other => throw new ArgumentException($"--target must be both, echo or service, not '{other}'"),
                    };
                    break;
                case "--address":
                    string address = Next(args, ref i, arg);
                    if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp)
                    {
                        throw new ArgumentException($"--address must be an http://host:port URI (plaintext HTTP/2), not '{address}'");
                    }
                    options.Address = uri;
                    break;
                case "--server-pid":
                    options.ServerPid = ParseInt(Next(args, ref i, arg), arg, min: 1);
                    break;
                case "--server-dll":
                    options.ServerDll = Path.GetFullPath(Next(args, ref i, arg));
                    break;
                case "--quick":
                    options.Quick = true;
                    break;
                case "--memory":
                    options.Memory = true;
                    break;
                case "--markdown":
                    options.Markdown = true;
                    break;
                case "--warmup":
                    timed = true;
                    options.Warmup = ParseSeconds(Next(args, ref i, arg), arg, allowZero: true);
                    break;
                case "--duration":
                    timed = true;
                    options.Duration = ParseSeconds(Next(args, ref i, arg), arg, allowZero: false);
                    break;
                case "--memory-duration":
                    options.MemoryDuration = ParseSeconds(Next(args, ref i, arg), arg, allowZero: false);
                    break;
                case "--pool":
                    options.PoolSize = ParseInt(Next(args, ref i, arg), arg, min: 10_000);
                    break;
                case "--bytes-pool":
                    options.BytesPoolSize = ParseInt(Next(args, ref i, arg), arg, min: 1);
                    break;
                case "--max-message-bytes":
                    options.MaxMessageBytes = ParseInt(Next(args, ref i, arg), arg, min: 64 * 1024);
                    break;
                case "--filter":
                    options.Filter = Next(args, ref i, arg);
                    break;
                case "--results":
                    options.ResultsDirectory = Path.GetFullPath(Next(args, ref i, arg));
                    break;
                case "--seed":
                    options.Seed = ParseInt(Next(args, ref i, arg), arg, min: 0);
                    break;
                case "--docket":
                    options.DocketOrders = ParseInt(Next(args, ref i, arg), arg, min: 1);
                    break;
                case "--docket-seed":
                    docketDetail = arg;
                    options.DocketSeed = ParseInt(Next(args, ref i, arg), arg, min: 0);
                    break;
                case "--docket-fuzzy":
                    docketDetail = arg;
                    string percent = Next(args, ref i, arg);
                    options.DocketFuzzyPercent = double.TryParse(percent, NumberStyles.Float, CultureInfo.InvariantCulture, out double p) && p is >= 0 and <= 100
                        ? p
                        : throw new ArgumentException($"--docket-fuzzy must be a percentage from 0 to 100, not '{percent}'");
                    break;
                case "--docket-listings":
                    docketDetail = arg;
                    options.DocketListings = ParseInt(Next(args, ref i, arg), arg, min: 0);
                    break;
                case "--compare-bundled":
                    options.CompareBundled = true;
                    break;
                case "--reload-test":
                    options.ReloadTest = true;
                    break;
                case "--growth":
                    string sizes = Next(args, ref i, arg);
                    options.Growth = sizes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(size => ParseInt(size, arg, min: 1)).ToArray();
                    if (options.Growth.Count == 0)
                    {
                        throw new ArgumentException("--growth needs at least one docket size, e.g. --growth 100,1000,10000");
                    }
                    break;
                case "--docket-cache":
                    docketDetail = arg;
                    options.DocketCache = Path.GetFullPath(Next(args, ref i, arg));
                    break;
                default:
                    throw new ArgumentException($"unknown option '{arg}'");
            }
        }

        if (options.Growth is not null && !timed)
        {
            // Each size gets two windows per server: 2.5 s each keeps a window above ~30 batches of 1,000 on two loaded
            // cores, and the sweep's time goes to generating and loading dockets anyway.
            options.Duration = TimeSpan.FromSeconds(5);
        }
        if (options.Quick && !timed)
        {
            // Five scenarios x two targets x (0.3 + 1.5) s, plus start-up: about 25 seconds (a third with --compare-bundled).
            options.Warmup = TimeSpan.FromSeconds(0.3);
            options.Duration = TimeSpan.FromSeconds(1.5);
        }
        if (options.Quick)
        {
            options.PoolSize = Math.Min(options.PoolSize, 10_000);
        }
        if (options.Target == TargetSelection.Echo && options.Memory)
        {
            throw new ArgumentException("--memory measures the real server's working set; it cannot run with --target echo");
        }
        if (options.ServerPid is not null && options.Address is null)
        {
            throw new ArgumentException("--server-pid only makes sense with --address");
        }
        if (options.DocketOrders is null && options.Growth is null && docketDetail is not null)
        {
            throw new ArgumentException($"{docketDetail} only makes sense with --docket");
        }
        if ((options.CompareBundled || options.ReloadTest) && options.DocketOrders is null)
        {
            throw new ArgumentException($"{(options.CompareBundled ? "--compare-bundled" : "--reload-test")} needs --docket ORDERS (the bundled registry is what it compares with)");
        }
        if ((options.CompareBundled || options.ReloadTest) && options.Target == TargetSelection.Echo)
        {
            throw new ArgumentException("--compare-bundled and --reload-test measure servers; they cannot run with --target echo");
        }
        if (options.Growth is not null && (options.DocketOrders is not null || options.Address is not null || options.CompareBundled || options.ReloadTest || options.Memory))
        {
            throw new ArgumentException("--growth is a run of its own (it starts a server per size and always compares with the bundled registry): it takes no --docket, --address, --compare-bundled, --reload-test or --memory");
        }
        if (options.DocketOrders is not null && options.Address is not null)
        {
            throw new ArgumentException("--docket starts the server on the generated registry; a server at --address keeps its own");
        }
        return options;
    }

    private static string Next(string[] args, ref int i, string option)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{option} needs a value");
        }
        return args[++i];
    }

    private static int ParseInt(string value, string option, int min)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result) || result < min)
        {
            throw new ArgumentException($"{option} must be an integer >= {min}, not '{value}'");
        }
        return result;
    }

    private static TimeSpan ParseSeconds(string value, string option, bool allowZero)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            || seconds < 0 || (!allowZero && seconds == 0) || seconds > 3600)
        {
            throw new ArgumentException($"{option} must be a number of seconds{(allowZero ? "" : " > 0")} up to 3600, not '{value}'");
        }
        return TimeSpan.FromSeconds(seconds);
    }
}
