using ClassifyRpc.Imaging;
using ClassifyRpc.Text;

namespace ClassifyRpc.Registry;

/// <summary>
/// One loaded registry: immutable, swapped atomically on reload, so a call that started on a snapshot
/// finishes on it.
/// </summary>
public sealed class RegistrySnapshot
{
    /// <summary>XxHash128 (32 lower-case hex digits) over the sorted (relative path, bytes) of every file
    /// read: per file, in ordinal order of its '/'-separated registry-relative path,
    /// <c>u32 LE path byte length, UTF-8 path, u64 LE content length, content</c>. Same files, same
    /// version, on every replica.</summary>
    public required string Version { get; init; }
    public required DateTimeOffset LoadedAt { get; init; }

    /// <summary>The folder it was loaded from (full path).</summary>
    public required string Source { get; init; }
    public required IReadOnlyList<Case> Cases { get; init; }

    /// <summary>Every mark of every case; index = <see cref="Mark.Ordinal"/> = <see cref="MarkHit.MarkIndex"/>.</summary>
    public required IReadOnlyList<Mark> Marks { get; init; }

    /// <summary>Every work of every case; index = <see cref="Work.Ordinal"/> = <see cref="ArtworkHit.WorkOrdinal"/>.</summary>
    public required IReadOnlyList<Work> Works { get; init; }
    public required MarkAutomaton Automaton { get; init; }

    /// <summary>The marks compiled by the storefronts they reach (<see cref="MarkScopes"/>), for judging listings;
    /// null when the snapshot was made without them (then <see cref="Automaton"/> serves listings too).</summary>
    public MarkScopes? Scopes { get; init; }
    public required ArtworkCatalog Artwork { get; init; }

    /// <summary>Distinct defendant storefront ids over all cases.</summary>
    public int DefendantCount { get; init; }

    /// <summary>Notices over all cases.</summary>
    public int NoticeCount { get; init; }
}
