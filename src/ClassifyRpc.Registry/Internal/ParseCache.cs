using System.IO.Hashing;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// Parse results of one load, reusable by the next: a file whose registry-relative path and content hash
/// (XxHash128) are unchanged is not parsed again. A load still reads every file (the version hashes the
/// bytes, and the bytes are how a change is seen), but with one case added to 10,000 it parses two files
/// instead of 20,000.
/// </summary>
/// <remarks>
/// Each load gets its own instance, built on what the previous load used (<see cref="Used"/>), so the
/// cache holds exactly the files of the latest load: a file that left the registry is forgotten one load
/// later. Results are immutable and depend on nothing but (kind, path, bytes), so sharing them between
/// loads, and between snapshots, is safe; two loads running at once each read the published generation
/// and the last to finish publishes its own. Cross-file checks (duplicate ids, files that must exist)
/// are not cached: the loader runs them every time.
/// </remarks>
internal sealed class ParseCache
{
    private readonly IReadOnlyDictionary<(string Kind, string Path, UInt128 Hash), object> _previous;

    public ParseCache(IReadOnlyDictionary<(string Kind, string Path, UInt128 Hash), object>? previous)
    {
        _previous = previous ?? new Dictionary<(string Kind, string Path, UInt128 Hash), object>();
    }

    /// <summary>Every result this load used, whether parsed or reused: the next load's previous generation.</summary>
    public Dictionary<(string Kind, string Path, UInt128 Hash), object> Used { get; } = [];

    /// <summary>Files parsed by this load.</summary>
    public int Parsed { get; private set; }

    /// <summary>Files whose result was taken from the previous load (or from earlier in this one).</summary>
    public int Reused { get; private set; }

    /// <summary>
    /// The result of <paramref name="parse"/> on these bytes, parsed now or taken from an earlier load.
    /// <paramref name="kind"/> tells apart what one file is read as (the key that names it, e.g.
    /// <c>defendants_file</c>): the same file may be one case's defendants and another's notices.
    /// </summary>
    public ParseResult<T> GetOrParse<T>(string kind, string path, byte[] bytes, Func<string, byte[], ParseResult<T>> parse)
        where T : class
    {
        var key = (kind, path, XxHash128.HashToUInt128(bytes));
        if (Used.TryGetValue(key, out object? cached) || _previous.TryGetValue(key, out cached))
        {
            Used[key] = cached;
            Reused++;
            return (ParseResult<T>)cached;
        }
        var result = parse(path, bytes);
        Used[key] = result;
        Parsed++;
        return result;
    }
}
