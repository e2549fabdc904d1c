using ClassifyRpc.Tests;

namespace ClassifyRpc.Server.Tests.Infrastructure;

/// <summary>A private copy of the bundled registry that a test may edit; deleted on dispose.</summary>
internal sealed class TempRegistry : IDisposable
{
    public TempRegistry()
    {
        Folder = Path.Combine(Path.GetTempPath(), "classifyrpc-tests", Guid.NewGuid().ToString("N"));
        Copy(RepoPaths.DefaultRegistry, Folder);
    }

    public string Folder { get; }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public void Write(string relative, string text)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Write to a temp name and rename, so the folder watcher never sees a half-written file.
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Delete(string relative) => File.Delete(PathOf(relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a watcher may still hold the folder for a moment.
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.GetDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
