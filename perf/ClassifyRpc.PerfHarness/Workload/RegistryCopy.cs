using System.Globalization;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>
/// A throwaway copy of a registry folder under the temp folder, for a run that changes the registry it serves (the
/// reload scenario adds an order): the cached docket stays as generated, so the next run reuses it as it was. Deleted
/// on dispose.
/// </summary>
internal sealed class RegistryCopy : IDisposable
{
    private readonly string _root;

    private RegistryCopy(string root, string folder)
    {
        _root = root;
        Folder = folder;
    }

    /// <summary>The copied registry folder (serve it with --registry).</summary>
    public string Folder { get; }

    public static RegistryCopy Of(string registry)
    {
        string root = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"classifyrpc-reload-{Environment.ProcessId}"));
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        string folder = Path.Combine(root, Path.GetFileName(Path.TrimEndingDirectorySeparator(registry)));
        Copy(registry, folder);
        return new RegistryCopy(root, folder);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (string directory in Directory.EnumerateDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
