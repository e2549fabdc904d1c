using System.Text;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// File access for one load: resolves the paths cases name (relative to the registry folder, never
/// escaping it, symbolic links included), reads each file once and remembers its bytes for the
/// version.
/// </summary>
internal sealed class RegistryFolder
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ParsedRegistry _registry;
    private readonly string _rootWithSeparator;

    public RegistryFolder(ParsedRegistry registry)
    {
        _registry = registry;
        _rootWithSeparator = registry.Source + Path.DirectorySeparatorChar;
    }

    /// <summary>The registry-relative path ('/' separators) of a full path inside the folder.</summary>
    public string Relative(string fullPath) => Path.GetRelativePath(_registry.Source, fullPath).Replace('\\', '/');

    /// <summary>
    /// Resolves and reads a file a case names; on failure reports it against the naming case file and
    /// returns null.
    /// </summary>
    public byte[]? ReadReferenced(string caseFile, PathRef path, out string relativePath)
    {
        relativePath = "";
        string? problem = Resolve(path.Path, out string fullPath);
        if (problem is not null)
        {
            _registry.Errors.Add(new RegistryError(caseFile, path.Line, path.Key, $"'{path.Path}' {problem}"));
            return null;
        }
        relativePath = Relative(fullPath);
        byte[]? bytes = ReadFile(fullPath, relativePath, out problem);
        if (bytes is null)
        {
            _registry.Errors.Add(new RegistryError(caseFile, path.Line, path.Key, $"'{path.Path}' {problem}"));
        }
        return bytes;
    }

    /// <summary>Reads a file inside the folder once (later calls return the same bytes).</summary>
    public byte[]? ReadFile(string fullPath, string relativePath, out string? problem)
    {
        problem = null;
        if (_registry.Files.TryGetValue(relativePath, out byte[]? cached))
        {
            return cached;
        }
        try
        {
            byte[] bytes = File.ReadAllBytes(fullPath);
            _registry.Files[relativePath] = bytes;
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = "cannot be read: " + e.Message;
            return null;
        }
    }

    /// <summary>UTF-8 text of a file (a leading BOM dropped), or null with <paramref name="problem"/>.</summary>
    public static string? DecodeText(byte[] bytes, out string? problem)
    {
        problem = null;
        try
        {
            string text = s_strictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            problem = "is not valid UTF-8 text";
            return null;
        }
    }

    private string? Resolve(string path, out string fullPath)
    {
        fullPath = "";
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "uses '\\'; write paths with '/' separators";
        }
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            // No file system has such a name, and Path would throw on it.
            return "contains a NUL character";
        }
        if (Path.IsPathRooted(path))
        {
            return "must be relative to the registry folder";
        }
        fullPath = Path.GetFullPath(Path.Combine(_registry.Source, path));
        if (!IsInside(fullPath))
        {
            return "points outside the registry folder";
        }
        if (Directory.Exists(fullPath))
        {
            return "is a folder, not a file";
        }
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            return "does not exist";
        }
        // A symbolic link is followed only if it stays inside the folder: the registry is the unit
        // that is versioned and reviewed, so it must not pull in files from elsewhere.
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target && !IsInside(target.FullName))
        {
            return "is a link to a file outside the registry folder";
        }
        return null;
    }

    private bool IsInside(string fullPath) => fullPath.StartsWith(_rootWithSeparator, StringComparison.Ordinal);
}
