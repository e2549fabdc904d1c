namespace ClassifyRpc.Docket.Tests;

/// <summary>A fresh folder under the system's temp folder, deleted afterwards: generated dockets never land in the repo.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "classifyrpc-docket-tests", Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
