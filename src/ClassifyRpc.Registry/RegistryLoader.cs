using System.Collections.Frozen;
using ClassifyRpc.Imaging;
using ClassifyRpc.Registry.Internal;
using ClassifyRpc.Registry.Internal.Yaml;
using ClassifyRpc.Text;

namespace ClassifyRpc.Registry;

/// <summary>
/// Loads and validates a registry folder into a <see cref="RegistrySnapshot"/>. A load runs in two
/// stages: <see cref="Parse"/> reads every file and checks everything that needs no engine (keys, types,
/// dates, files, cross-file ids), then <see cref="Compile"/> builds the mark automaton and the artwork
/// catalog, which can refuse a mark or an image too. Errors of both stages are collected and thrown
/// together: nothing is applied unless everything loads.
/// </summary>
/// <remarks>
/// A loader remembers what its latest load parsed (<see cref="ParseCache"/>) and the work fingerprints
/// (<see cref="WorkHashCache"/>), so a reload re-reads every file but parses and fingerprints only those
/// whose bytes changed; and the marks' automata (the full one, and the scopes' in <see cref="MarkScopes.Cache"/>),
/// so a reload compiles only the automata whose marks changed. The artwork index and the snapshot are built
/// anew each time.
/// </remarks>
public sealed class RegistryLoader
{
    public RegistryLoader(WorkHashCache workHashes, TimeProvider clock)
        : this(workHashes, clock, RegistryLimits.Default)
    {
    }

    public RegistryLoader(WorkHashCache workHashes, TimeProvider clock, RegistryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(workHashes);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(limits);
        WorkHashes = workHashes;
        Clock = clock;
        Limits = limits;
    }

    public WorkHashCache WorkHashes { get; }

    /// <summary>The scopes' automata of the last load, reused by the next (<see cref="MarkScopes.Cache"/>).</summary>
    private readonly MarkScopes.Cache _scopes = new();

    /// <summary>The last full automaton built and what it compiled (<see cref="MarkScopes.Cache.Key"/>): a reload
    /// that changes no mark (defendants, notices, dates, channels) does not compile every mark again.</summary>
    private BuiltAutomaton? _lastAutomaton;

    private sealed record BuiltAutomaton(string Key, MarkAutomaton Automaton);

    public TimeProvider Clock { get; }

    public RegistryLimits Limits { get; }

    /// <summary>How many files the latest load parsed, and how many it took from the load before (tests).</summary>
    internal (int Parsed, int Reused) LastParse { get; private set; }

    /// <summary>The parse cache's kind for case files (the other kinds are the keys that name a file).</summary>
    private const string CaseKind = "(case)";

    // The parse results of the latest load's files, for the next load (see ParseCache).
    private IReadOnlyDictionary<(string Kind, string Path, UInt128 Hash), object>? _parsedFiles;

    /// <summary>Loads everything or nothing: throws <see cref="RegistryLoadException"/> listing every error
    /// found, and nothing else.</summary>
    public RegistrySnapshot Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        string source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        try
        {
            var cache = new ParseCache(Volatile.Read(ref _parsedFiles));
            var parsed = Parse(source, cache);
            // A load that read no file (the folder or cases/ missing for a moment) would otherwise make the
            // next one parse everything again.
            if (cache.Used.Count > 0)
            {
                Volatile.Write(ref _parsedFiles, cache.Used);
            }
            LastParse = (cache.Parsed, cache.Reused);
            return Compile(parsed);
        }
        catch (Exception e) when (e is not RegistryLoadException)
        {
            // The folder changed under the load, or an engine failed in a way it does not document: still
            // a registry that did not load, so callers keep the good one (a reload) or refuse to start
            // with one line (start-up) instead of crashing. The exception travels along for the logs.
            throw new RegistryLoadException(source, [new RegistryError(".", 0, "(registry)", $"{e.GetType().Name}: {e.Message}")], e);
        }
    }

    /// <summary>Stage one: reads and checks every file of the folder (no engine involved). Files whose bytes
    /// <paramref name="cache"/> has seen are not parsed again; without one, everything is parsed.</summary>
    internal static ParsedRegistry Parse(string folder, ParseCache? cache = null)
    {
        cache ??= new ParseCache(null);
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var registry = new ParsedRegistry(root);
        if (!Directory.Exists(root))
        {
            registry.Errors.Add(new RegistryError(".", 0, "(registry)", $"the registry folder '{root}' does not exist"));
            return registry;
        }
        string casesFolder = Path.Combine(root, "cases");
        if (!Directory.Exists(casesFolder))
        {
            registry.Errors.Add(new RegistryError("cases", 0, "(registry)", "the registry has no cases/ folder"));
            return registry;
        }

        var files = new RegistryFolder(registry);
        var caseFiles = new List<string>();
        string[] listed;
        try
        {
            listed = Directory.GetFiles(casesFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            registry.Errors.Add(new RegistryError("cases", 0, "(registry)", "the cases/ folder cannot be listed: " + e.Message));
            return registry;
        }
        foreach (string path in listed)
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('.'))
            {
                continue; // editor and VCS leftovers (.swp, .#lock) are not cases
            }
            if (name.EndsWith(".yaml", StringComparison.Ordinal))
            {
                caseFiles.Add(path);
            }
            else if (name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                // Silently skipping it would silently drop a court order.
                registry.Errors.Add(new RegistryError(files.Relative(path), 0, "(case)", "case files must end in .yaml; this one would be ignored"));
            }
        }
        caseFiles.Sort(StringComparer.Ordinal);
        if (caseFiles.Count == 0)
        {
            registry.Errors.Add(new RegistryError("cases", 0, "(registry)", "no case files (cases/*.yaml): an empty registry would enforce nothing"));
            return registry;
        }

        foreach (string path in caseFiles)
        {
            string relative = files.Relative(path);
            if (files.ReadFile(path, relative, out string? problem) is not { } bytes)
            {
                registry.Errors.Add(new RegistryError(relative, 0, "(case)", "the file " + problem));
                continue;
            }
            var parsed = cache.GetOrParse(CaseKind, relative, bytes, ParseCase);
            registry.Errors.AddRange(parsed.Errors);
            if (parsed.Value is { } parsedCase)
            {
                var draft = new CaseDraft(parsedCase);
                ReadCaseFiles(draft, files, cache, registry.Errors);
                registry.Cases.Add(draft);
            }
        }

        CheckIds(registry);
        return registry;
    }

    private static ParseResult<ParsedCase> ParseCase(string relative, byte[] bytes)
    {
        var errors = new List<RegistryError>();
        if (RegistryFolder.DecodeText(bytes, out string? problem) is not { } text)
        {
            errors.Add(new RegistryError(relative, 0, "(case)", "the file " + problem));
            return new(null, errors);
        }
        if (RawYamlReader.Read(text, out problem, out int problemLine) is not { } root)
        {
            errors.Add(new RegistryError(relative, problemLine, "(yaml)", problem!));
            return new(null, errors);
        }
        return new(CaseReader.Read(relative, root, errors), errors);
    }

    private static ParseResult<FrozenSet<string>> ParseDefendants(string relative, byte[] bytes)
    {
        var errors = new List<RegistryError>();
        var ids = new List<string>();
        if (RegistryFolder.DecodeText(bytes, out string? problem) is { } text)
        {
            DefendantsFileReader.Read(relative, text, ids, errors);
        }
        else
        {
            errors.Add(new RegistryError(relative, 0, "defendants_file", "the file " + problem));
        }
        return new(ids.ToFrozenSet(StringComparer.Ordinal), errors);
    }

    private static ParseResult<FrozenDictionary<string, Notice>> ParseNotices(string relative, byte[] bytes)
    {
        var errors = new List<RegistryError>();
        var notices = new Dictionary<string, Notice>(StringComparer.Ordinal);
        if (RegistryFolder.DecodeText(bytes, out string? problem) is { } text)
        {
            NoticesFileReader.Read(relative, text, notices, errors);
        }
        else
        {
            errors.Add(new RegistryError(relative, 0, "notices_file", "the file " + problem));
        }
        return new(notices.ToFrozenDictionary(StringComparer.Ordinal), errors);
    }

    /// <summary>Reads the files a case names into this load's draft. Resolving and reading happen every load
    /// (a named file may have appeared, vanished or changed); parsing only for bytes not seen before.</summary>
    private static void ReadCaseFiles(CaseDraft draft, RegistryFolder files, ParseCache cache, List<RegistryError> errors)
    {
        var parsed = draft.Parsed;
        if (parsed.DefendantsFile is { } defendants
            && files.ReadReferenced(draft.File, defendants, out string relative) is { } defendantBytes)
        {
            var read = cache.GetOrParse("defendants_file", relative, defendantBytes, ParseDefendants);
            errors.AddRange(read.Errors);
            draft.Defendants = read.Value!;
        }
        if (parsed.NoticesFile is { } notices
            && files.ReadReferenced(draft.File, notices, out relative) is { } noticeBytes)
        {
            var read = cache.GetOrParse("notices_file", relative, noticeBytes, ParseNotices);
            errors.AddRange(read.Errors);
            draft.Notices = read.Value!;
        }
        foreach (var work in draft.Works)
        {
            foreach (var image in work.Images)
            {
                if (files.ReadReferenced(draft.File, image, out relative) is not null)
                {
                    work.Resolved.Add((image, relative));
                }
            }
        }
    }

    /// <summary>Case ids are unique; mark ids and work ids are unique across the whole registry (evidence
    /// names them without their case, and a mark id is how people talk about a mark).</summary>
    private static void CheckIds(ParsedRegistry registry)
    {
        var caseIds = new Dictionary<string, CaseDraft>(StringComparer.Ordinal);
        var markIds = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
        var workIds = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
        foreach (var draft in registry.Cases)
        {
            if (draft.Id is { } id)
            {
                if (caseIds.TryGetValue(id, out var first))
                {
                    registry.Errors.Add(new RegistryError(draft.File, draft.IdLine, "id", $"case id '{id}' is already used by {first.File}"));
                }
                else
                {
                    caseIds[id] = draft;
                }
            }
            foreach (var mark in draft.Marks)
            {
                if (markIds.TryGetValue(mark.Id, out var at))
                {
                    registry.Errors.Add(new RegistryError(draft.File, mark.Line, mark.Key + ".id", $"mark id '{mark.Id}' is already used at {at.File}:{at.Line}"));
                }
                else
                {
                    markIds[mark.Id] = (draft.File, mark.Line);
                    registry.UniqueMarks.Add((draft, mark));
                }
            }
            foreach (var work in draft.Works)
            {
                if (work.Id is null)
                {
                    continue;
                }
                if (workIds.TryGetValue(work.Id, out var at))
                {
                    registry.Errors.Add(new RegistryError(draft.File, work.Line, work.Key + ".id", $"work id '{work.Id}' is already used at {at.File}:{at.Line}"));
                }
                else
                {
                    workIds[work.Id] = (draft.File, work.Line);
                    registry.UniqueWorks.Add((draft, work));
                }
            }
        }
    }

    /// <summary>Stage two: compiles marks and works, then builds the snapshot if nothing failed.</summary>
    internal RegistrySnapshot Compile(ParsedRegistry registry)
    {
        var errors = registry.Errors;
        MarkAutomaton? automaton = registry.UniqueMarks.Count > 0 || errors.Count == 0 ? BuildAutomaton(registry, errors) : null;
        var fingerprints = FingerprintWorks(registry, errors);
        if (errors.Count > 0)
        {
            throw new RegistryLoadException(registry.Source, SortErrors(errors));
        }

        var cases = new Case[registry.Cases.Count];
        var marks = new List<Mark>(registry.UniqueMarks.Count);
        var works = new List<Work>(registry.UniqueWorks.Count);
        var catalogEntries = new List<(int WorkOrdinal, WorkFingerprint Fingerprint)>(fingerprints.Count);
        var allDefendants = new HashSet<string>(CountDefendants(registry.Cases), StringComparer.Ordinal);
        int noticeCount = 0;
        int fingerprintIndex = 0;
        for (int c = 0; c < cases.Length; c++)
        {
            var draft = registry.Cases[c];
            var caseMarks = new List<Mark>(draft.Marks.Count);
            foreach (var m in draft.Marks)
            {
                var mark = new Mark(m.Id, m.Text, m.Mode, m.Fuzzy, m.Variants, c, marks.Count);
                marks.Add(mark);
                caseMarks.Add(mark);
            }
            var caseWorks = new List<Work>(draft.Works.Count);
            foreach (var w in draft.Works)
            {
                var images = new string[w.Resolved.Count];
                for (int i = 0; i < images.Length; i++)
                {
                    images[i] = w.Resolved[i].RelativePath;
                    catalogEntries.Add((works.Count, fingerprints[fingerprintIndex++]));
                }
                var work = new Work(w.Id!, images, c, works.Count);
                works.Add(work);
                caseWorks.Add(work);
            }
            allDefendants.UnionWith(draft.Defendants);
            noticeCount += draft.Notices.Count;
            cases[c] = new Case
            {
                Id = draft.Id!,
                Ordinal = c,
                SourceFile = draft.File,
                Title = draft.Parsed.Title,
                Court = draft.Parsed.Court,
                Docket = draft.Parsed.Docket,
                Order = draft.Parsed.Order,
                EffectiveFrom = draft.EffectiveFrom!.Value,
                Expires = draft.Expires,
                Scope = draft.Scope,
                Channels = draft.Channels,
                FuzzyVerdict = draft.FuzzyVerdict,
                BlockDistance = draft.BlockDistance,
                ReviewDistance = draft.ReviewDistance,
                Marks = caseMarks,
                Works = caseWorks,
                // Shared with the parse cache and with other snapshots: all immutable.
                Defendants = draft.Defendants,
                AuthorizedSellers = draft.AuthorizedSellers,
                Notices = draft.Notices,
            };
        }

        return new RegistrySnapshot
        {
            Version = RegistryVersion.Compute(registry.Files),
            LoadedAt = Clock.GetUtcNow(),
            Source = registry.Source,
            Cases = cases,
            Marks = marks,
            Works = works,
            Automaton = automaton!,
            Scopes = MarkScopes.Build(cases, Limits.Marks, _scopes),
            Artwork = ArtworkCatalog.Build(catalogEntries),
            DefendantCount = allDefendants.Count,
            NoticeCount = noticeCount,
        };
    }

    /// <summary>An upper bound of the distinct defendants, so their union is sized once: with thousands of
    /// orders of hundreds of defendants each, growing it step by step cost as much as filling it.</summary>
    private static int CountDefendants(List<CaseDraft> cases)
    {
        long count = 0;
        foreach (var draft in cases)
        {
            count += draft.Defendants.Count;
        }
        return (int)Math.Min(count, Array.MaxLength);
    }

    /// <summary>
    /// Builds the automaton over the registry's (uniquely named) marks. The engine names one refused
    /// mark per attempt, so a refused mark is reported and left out and the build retried: every bad
    /// mark is reported in one load.
    /// </summary>
    private MarkAutomaton? BuildAutomaton(ParsedRegistry registry, List<RegistryError> errors)
    {
        var candidates = new List<(CaseDraft Case, MarkDraft Mark)>(registry.UniqueMarks);
        string? key = null;
        while (true)
        {
            var definitions = new MarkDefinition[candidates.Count];
            for (int i = 0; i < definitions.Length; i++)
            {
                var m = candidates[i].Mark;
                definitions[i] = new MarkDefinition(m.Id, m.Text, m.Mode, m.Fuzzy, m.Variants);
            }
            if (key is null)
            {
                key = MarkScopes.Cache.Key(definitions, Limits.Marks, compact: false);
                if (Volatile.Read(ref _lastAutomaton) is { } last && last.Key == key)
                {
                    return last.Automaton;
                }
            }
            try
            {
                var automaton = MarkAutomaton.Build(definitions, Limits.Marks);
                if (candidates.Count != registry.UniqueMarks.Count)
                {
                    return null;
                }
                Volatile.Write(ref _lastAutomaton, new BuiltAutomaton(key, automaton));
                return automaton;
            }
            catch (MarkDefinitionException e) when (e.MarkIndex >= 0 && e.MarkIndex < candidates.Count)
            {
                var (draft, mark) = candidates[e.MarkIndex];
                errors.Add(new RegistryError(draft.File, mark.Line, mark.Key, $"mark '{mark.Id}' cannot be compiled: {e.Reason}"));
                candidates.RemoveAt(e.MarkIndex);
            }
            catch (AutomatonLimitException e)
            {
                // No mark is at fault: the registry as a whole is too large for the configured limit.
                errors.Add(new RegistryError(".", 0, "(registry)", LimitName(e) is { } name ? $"{e.Message} ({name})" : e.Message));
                return null;
            }
        }
    }

    /// <summary>What an operator can do about a limit the marks hit: raise the setting behind it, unless it is
    /// already the most a scan can address (then the registry must shrink); null when it is not one we know.</summary>
    private string? LimitName(AutomatonLimitException e) =>
        e.Maximum >= MarkLimits.ScanMaxStates ? "the most a scan can address"
        : e.Maximum == Limits.Marks.MaxStates ? Limits.MaxStatesSetting ?? $"{nameof(MarkLimits)}.{nameof(MarkLimits.MaxStates)}"
        : null;

    /// <summary>Fingerprints every image of every (uniquely named) work, in registry order; an image
    /// that does not decode is reported where the case names it.</summary>
    private List<WorkFingerprint> FingerprintWorks(ParsedRegistry registry, List<RegistryError> errors)
    {
        var fingerprints = new List<WorkFingerprint>();
        foreach (var (draft, work) in registry.UniqueWorks)
        {
            foreach (var (image, relative) in work.Resolved)
            {
                try
                {
                    fingerprints.Add(WorkHashes.GetOrCompute(registry.Files[relative]));
                }
                catch (ImageDecodeException e)
                {
                    errors.Add(new RegistryError(draft.File, image.Line, image.Key, $"'{relative}' cannot be used as a work image: {e.Message}"));
                }
            }
        }
        return fingerprints;
    }

    private static List<RegistryError> SortErrors(List<RegistryError> errors)
    {
        // Stable: errors of one line keep the order they were found in.
        var sorted = new List<RegistryError>(errors);
        var indexed = new List<(RegistryError Error, int Index)>(sorted.Count);
        for (int i = 0; i < sorted.Count; i++)
        {
            indexed.Add((sorted[i], i));
        }
        indexed.Sort(static (a, b) =>
        {
            int byFile = string.CompareOrdinal(a.Error.File, b.Error.File);
            if (byFile != 0)
            {
                return byFile;
            }
            int byLine = a.Error.Line.CompareTo(b.Error.Line);
            return byLine != 0 ? byLine : a.Index.CompareTo(b.Index);
        });
        for (int i = 0; i < indexed.Count; i++)
        {
            sorted[i] = indexed[i].Error;
        }
        return sorted;
    }
}
