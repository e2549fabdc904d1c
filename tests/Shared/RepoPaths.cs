namespace ClassifyRpc.Tests;

/// <summary>
/// Locates the repository's own test data, so tests never depend on anything outside the clone
/// (in particular not on the design folder beside it).
/// </summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding ClassifyRpc.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>tests/data: listings corpus, images, PDQ reference vectors.</summary>
    public static string TestData => Path.Combine(Root, "tests", "data");

    /// <summary>The bundled default registry (a copy of the design's registry-example).</summary>
    public static string DefaultRegistry => Path.Combine(Root, "registry");

    public static string Data(params string[] parts) => Path.Combine([TestData, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClassifyRpc.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"ClassifyRpc.sln not found above {AppContext.BaseDirectory}");
    }
}
