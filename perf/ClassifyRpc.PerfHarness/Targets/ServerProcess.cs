using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// The real server as a child process, started from its Release build output (not through `dotnet run`, whose own
/// process would stand between us and the server's pid and working set) with the environment of its launch profile
/// (<see cref="LaunchProfile"/>, what `dotnet run` would give it) on a free loopback port, with its output
/// drained to a log file under perf/results. Stopped with SIGTERM (graceful shutdown), then killed if it lingers.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logLock = new();
    private int _stopped;
    private bool _logClosed;

    private ServerProcess(Process process, StreamWriter log, Uri address, string logPath)
    {
        _process = process;
        _log = log;
        Address = address;
        LogPath = logPath;
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    public string LogPath { get; }

    /// <summary>Why the process can no longer serve, or null while it runs.</summary>
    public string? ExitReason => _process.HasExited
        ? $"the server exited with code {_process.ExitCode} before it was ready; see {LogPath}:{Environment.NewLine}{Tail(LogPath)}"
        : null;

    /// <summary>Starts the server; <paramref name="registry"/> is the registry folder to serve (null: the server's default,
    /// the bundled one); <paramref name="arguments"/> are further command-line settings (<c>--ClassifyRpc:Name=VALUE</c>).</summary>
    public static ServerProcess Start(string serverDll, string workingDirectory, string logPath, IReadOnlyDictionary<string, string> environment, string? registry = null, IReadOnlyList<string>? arguments = null)
    {
        if (!File.Exists(serverDll))
        {
            throw new FileNotFoundException($"the server build output is missing: {serverDll} (run scripts/perf.sh, which builds it in Release, or pass --server-dll)", serverDll);
        }
        int port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        if (registry is not null)
        {
            start.ArgumentList.Add("--registry");
            start.ArgumentList.Add(registry);
        }
        foreach (string argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, log, address, logPath);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("could not start the server process");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Reads the GC settings the server's runtimeconfig.json asks for (the JSON records them with the figures).</summary>
    public static Dictionary<string, object?> DescribeRuntimeConfig(string serverDll)
    {
        var described = new Dictionary<string, object?>(StringComparer.Ordinal);
        string config = Path.ChangeExtension(serverDll, ".runtimeconfig.json");
        if (!File.Exists(config))
        {
            return described;
        }
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(config));
        if (document.RootElement.TryGetProperty("runtimeOptions", out JsonElement options)
            && options.TryGetProperty("configProperties", out JsonElement properties))
        {
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                if (property.Name.StartsWith("System.GC.", StringComparison.Ordinal) || property.Name.Contains("TieredPGO", StringComparison.Ordinal)
                    || property.Name.StartsWith("System.Runtime.TieredCompilation", StringComparison.Ordinal))
                {
                    described[property.Name] = property.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Number => property.Value.GetDouble(),
                        _ => property.Value.ToString(),
                    };
                }
            }
        }
        return described;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM: ASP.NET Core shuts down gracefully, as it would under a process supervisor.
                _ = Kill(_process.Id, 15);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            lock (_logLock)
            {
                _logClosed = true;
                _log.Dispose();
            }
            _process.Dispose();
        }
    }

    /// <summary>Last resort on an unexpected exit of the harness: never leave a server behind.</summary>
    public void KillNow()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logLock)
        {
            // Output can still arrive while the process winds down after the log was closed.
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        // Bind port 0, read what the kernel gave, release it: a tiny race with other binders, acceptable on loopback.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Tail(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            string[] lines = reader.ReadToEnd().Split('\n');
            return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 20)));
        }
        catch (IOException)
        {
            return "(log unreadable)";
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
