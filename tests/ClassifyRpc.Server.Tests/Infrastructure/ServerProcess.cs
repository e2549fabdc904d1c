using System.Diagnostics;

namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>Runs the built server (ClassifyRpc.Server.dll, copied beside the tests) as a real process.</summary>
internal static class ServerProcess
{
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "ClassifyRpc.Server.dll");

    /// <summary>Starts it in the background (working directory: the temp folder); the caller kills it.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[k] = v;
        }
        var process = Process.Start(info)!;
        // Drain the pipes so a chatty server never blocks on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs it to exit; a run that does not exit within <paramref name="timeout"/> is killed and reported.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunToExitAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Any working directory must do: the default registry is found beside the binaries.
            WorkingDirectory = Path.GetTempPath(),
        };
        info.ArgumentList.Add(DllPath);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                info.Environment[k] = v;
            }
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"server did not exit; stderr: {await stderr}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
