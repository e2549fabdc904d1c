using System.Text;

namespace ClassifyRpc.Tests;

/// <summary>A registry folder written by a test into a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempRegistry : IDisposable
{
    public TempRegistry()
    {
        Folder = Path.Combine(Path.GetTempPath(), "classifyrpc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Folder, "cases"));
    }

    public string Folder { get; }

    /// <summary>A copy of another registry folder (e.g. the bundled one).</summary>
    public static TempRegistry CopyOf(string source)
    {
        var registry = new TempRegistry();
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(registry.Folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return registry;
    }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public TempRegistry Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public TempRegistry WriteBytes(string relative, byte[] bytes)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    public TempRegistry Delete(string relative)
    {
        File.Delete(PathOf(relative));
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A watcher test may still hold a handle for a moment; the temp folder is cleaned eventually.
        }
    }
}
