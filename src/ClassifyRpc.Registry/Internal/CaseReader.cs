using System.Collections.Frozen;
using System.Globalization;
using ClassifyRpc.Registry.Internal.Yaml;
using ClassifyRpc.Text;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// Turns the YAML tree of one case file into a <see cref="ParsedCase"/>, reporting every problem of the
/// file (unknown keys, wrong types, bad dates and enums, missing required keys, out-of-range distances)
/// with its line and key path (<c>marks[1].mode</c>). Files the case names are only recorded here; the
/// loader reads them. What it reads depends on the file's path and text alone (the parse cache relies on it).
/// </summary>
internal sealed class CaseReader
{
    private static readonly string[] s_caseKeys =
    [
        "id", "title", "court", "docket", "order", "effective_from", "expires", "scope", "channels",
        "fuzzy_verdict", "artwork", "marks", "works", "defendants", "defendants_file",
        "authorized_sellers", "notices_file",
    ];

    /// <summary>Keys a case must have. Everything else has a default: no marks, no works, no notices,
    /// fuzzy_verdict review, the default distances, no expiry.</summary>
    private static readonly string[] s_requiredCaseKeys = ["id", "effective_from", "scope", "channels"];

    private static readonly string[] s_channelKeys = ["advertising", "email", "search", "recommendation", "listing"];
    private static readonly string[] s_artworkKeys = ["block_distance", "review_distance"];
    private static readonly string[] s_markKeys = ["id", "text", "mode", "fuzzy", "variants"];
    private static readonly string[] s_workKeys = ["id", "images"];

    private static readonly (string Name, CaseScope Value)[] s_scopes = [("defendants", CaseScope.Defendants), ("any_seller", CaseScope.AnySeller)];
    private static readonly (string Name, ChannelState Value)[] s_channelStates = [("enforced", ChannelState.Enforced), ("stayed", ChannelState.Stayed)];
    private static readonly (string Name, Verdict Value)[] s_fuzzyVerdicts = [("review", Verdict.Review), ("block", Verdict.Block)];
    private static readonly (string Name, MarkMode Value)[] s_modes = [("anywhere", MarkMode.Anywhere), ("word", MarkMode.Word)];
    private static readonly (string Name, bool Value)[] s_booleans = [("true", true), ("false", false), ("True", true), ("False", false), ("TRUE", true), ("FALSE", false)];

    private readonly string _file;
    private readonly List<RegistryError> _errors;

    // What has been read so far; fields that fail to parse keep these defaults.
    private readonly ChannelState[] _channels = new ChannelState[6];
    private readonly List<MarkDraft> _marks = [];
    private readonly List<ParsedWork> _works = [];
    private readonly List<string> _defendants = [];
    private readonly List<string> _authorizedSellers = [];
    private string? _id;
    private int _idLine;
    private string _title = "";
    private string _court = "";
    private string _docket = "";
    private string _order = "";
    private DateOnly? _effectiveFrom;
    private DateOnly? _expires;
    private CaseScope _scope;
    private Verdict _fuzzyVerdict = Verdict.Review;
    private int _blockDistance = RegistryDefaults.BlockDistance;
    private int _reviewDistance = RegistryDefaults.ReviewDistance;
    private PathRef? _defendantsFile;
    private PathRef? _noticesFile;

    private CaseReader(string file, List<RegistryError> errors)
    {
        _file = file;
        _errors = errors;
    }

    /// <summary>Reads <paramref name="root"/>; errors go to <paramref name="errors"/>.</summary>
    public static ParsedCase Read(string file, RawNode root, List<RegistryError> errors)
    {
        var reader = new CaseReader(file, errors);
        reader.ReadCase(root);
        return new ParsedCase
        {
            File = file,
            Id = reader._id,
            IdLine = reader._idLine,
            Title = reader._title,
            Court = reader._court,
            Docket = reader._docket,
            Order = reader._order,
            EffectiveFrom = reader._effectiveFrom,
            Expires = reader._expires,
            Scope = reader._scope,
            Channels = reader._channels,
            FuzzyVerdict = reader._fuzzyVerdict,
            BlockDistance = reader._blockDistance,
            ReviewDistance = reader._reviewDistance,
            Marks = [.. reader._marks],
            Works = [.. reader._works],
            Defendants = reader._defendants.ToFrozenSet(StringComparer.Ordinal),
            DefendantsFile = reader._defendantsFile,
            AuthorizedSellers = reader._authorizedSellers.ToFrozenSet(StringComparer.Ordinal),
            NoticesFile = reader._noticesFile,
        };
    }

    private void ReadCase(RawNode root)
    {
        if (root is not RawMapping map)
        {
            Error(root.Line, "(case)", $"expected a mapping of case keys, found {root.Describe}");
            return;
        }
        var keys = ReadKeys(map, "", s_caseKeys);
        foreach (string required in s_requiredCaseKeys)
        {
            if (!keys.TryGetValue(required, out var present) || IsNull(present))
            {
                Error(map.Line, required, "required key is missing");
            }
        }

        if (Get(keys, "id") is { } idNode)
        {
            _id = ReadId(idNode, "id");
            _idLine = idNode.Line;
        }
        _title = OptionalString(keys, "title");
        _court = OptionalString(keys, "court");
        _docket = OptionalString(keys, "docket");
        _order = OptionalString(keys, "order");
        if (Get(keys, "effective_from") is { } fromNode)
        {
            _effectiveFrom = ReadDate(fromNode, "effective_from");
        }
        if (Get(keys, "expires") is { } expiresNode)
        {
            _expires = ReadDate(expiresNode, "expires");
            if (_expires is { } expires && _effectiveFrom is { } from && expires <= from)
            {
                Error(expiresNode.Line, "expires", $"must be after effective_from ({from:yyyy-MM-dd}): the case would never be active");
            }
        }
        bool scopeKnown = false;
        if (Get(keys, "scope") is { } scopeNode && ReadEnum(scopeNode, "scope", s_scopes) is { } scope)
        {
            _scope = scope;
            scopeKnown = true;
        }
        if (Get(keys, "channels") is { } channelsNode)
        {
            ReadChannels(channelsNode);
        }
        if (Get(keys, "fuzzy_verdict") is { } fuzzyNode && ReadEnum(fuzzyNode, "fuzzy_verdict", s_fuzzyVerdicts) is { } fuzzyVerdict)
        {
            _fuzzyVerdict = fuzzyVerdict;
        }
        if (Get(keys, "artwork") is { } artworkNode)
        {
            ReadArtwork(artworkNode);
        }
        if (Get(keys, "marks") is { } marksNode)
        {
            ReadMarks(marksNode);
        }
        if (Get(keys, "works") is { } worksNode)
        {
            ReadWorks(worksNode);
        }

        var defendantsNode = Get(keys, "defendants");
        var defendantsFileNode = Get(keys, "defendants_file");
        if (defendantsNode is not null)
        {
            ReadStorefronts(defendantsNode, "defendants", _defendants);
        }
        if (defendantsFileNode is not null)
        {
            _defendantsFile = ReadPath(defendantsFileNode, "defendants_file");
        }
        if (defendantsNode is not null && defendantsFileNode is not null)
        {
            Error(defendantsFileNode.Line, "defendants_file", "give either defendants or defendants_file, not both");
        }
        else if (scopeKnown && _scope == CaseScope.Defendants && defendantsNode is null && defendantsFileNode is null)
        {
            Error(map.Line, "defendants", "scope: defendants needs the defendants (defendants or defendants_file)");
        }

        if (Get(keys, "authorized_sellers") is { } sellersNode)
        {
            ReadStorefronts(sellersNode, "authorized_sellers", _authorizedSellers);
        }
        if (Get(keys, "notices_file") is { } noticesNode)
        {
            _noticesFile = ReadPath(noticesNode, "notices_file");
        }
    }

    private void ReadChannels(RawNode node)
    {
        if (ExpectMapping(node, "channels") is not { } map)
        {
            return;
        }
        var keys = ReadKeys(map, "channels.", s_channelKeys);
        for (int i = 0; i < s_channelKeys.Length; i++)
        {
            string name = s_channelKeys[i];
            if (Get(keys, name) is { } stateNode && ReadEnum(stateNode, "channels." + name, s_channelStates) is { } state)
            {
                // s_channelKeys is in PromotionChannel order, starting at 1.
                _channels[i + 1] = state;
            }
        }
    }

    private void ReadArtwork(RawNode node)
    {
        if (ExpectMapping(node, "artwork") is not { } map)
        {
            return;
        }
        var keys = ReadKeys(map, "artwork.", s_artworkKeys);
        var blockNode = Get(keys, "block_distance");
        var reviewNode = Get(keys, "review_distance");
        if (blockNode is not null && ReadInt(blockNode, "artwork.block_distance", 0, RegistryDefaults.MaxDistance) is { } block)
        {
            _blockDistance = block;
        }
        if (reviewNode is not null && ReadInt(reviewNode, "artwork.review_distance", 0, RegistryDefaults.MaxDistance) is { } review)
        {
            _reviewDistance = review;
        }
        if (_blockDistance > _reviewDistance)
        {
            var at = blockNode ?? reviewNode ?? map;
            Error(at.Line, "artwork.block_distance",
                $"block_distance ({_blockDistance}) must not exceed review_distance ({_reviewDistance})");
        }
    }

    private void ReadMarks(RawNode node)
    {
        if (ExpectSequence(node, "marks") is not { } list)
        {
            return;
        }
        for (int i = 0; i < list.Items.Count; i++)
        {
            string prefix = $"marks[{i}]";
            if (ExpectMapping(list.Items[i], prefix) is not { } map)
            {
                continue;
            }
            var keys = ReadKeys(map, prefix + ".", s_markKeys);
            RequireKeys(map, keys, prefix + ".", "id", "text");
            string? id = Get(keys, "id") is { } idNode ? ReadId(idNode, prefix + ".id") : null;
            string? text = Get(keys, "text") is { } textNode ? ReadString(textNode, prefix + ".text", allowEmpty: false) : null;
            var mode = Get(keys, "mode") is { } modeNode ? ReadEnum(modeNode, prefix + ".mode", s_modes) : MarkMode.Anywhere;
            var fuzzy = Get(keys, "fuzzy") is { } fuzzyNode ? ReadEnum(fuzzyNode, prefix + ".fuzzy", s_booleans) : false;
            var variants = new List<string>();
            bool variantsOk = true;
            if (Get(keys, "variants") is { } variantsNode)
            {
                variantsOk = ReadStringList(variantsNode, prefix + ".variants", variants);
            }
            if (id is not null && text is not null && mode is not null && fuzzy is not null && variantsOk)
            {
                _marks.Add(new MarkDraft(id, text, mode.Value, fuzzy.Value, variants, map.Line, prefix));
            }
        }
    }

    private void ReadWorks(RawNode node)
    {
        if (ExpectSequence(node, "works") is not { } list)
        {
            return;
        }
        for (int i = 0; i < list.Items.Count; i++)
        {
            string prefix = $"works[{i}]";
            if (ExpectMapping(list.Items[i], prefix) is not { } map)
            {
                continue;
            }
            var keys = ReadKeys(map, prefix + ".", s_workKeys);
            RequireKeys(map, keys, prefix + ".", "id", "images");
            string? id = Get(keys, "id") is { } idNode ? ReadId(idNode, prefix + ".id") : null;
            var images = new List<PathRef>();
            if (Get(keys, "images") is { } imagesNode && ExpectSequence(imagesNode, prefix + ".images") is { } imageList)
            {
                if (imageList.Items.Count == 0)
                {
                    Error(imageList.Line, prefix + ".images", "a work needs at least one image");
                }
                for (int j = 0; j < imageList.Items.Count; j++)
                {
                    if (ReadPath(imageList.Items[j], $"{prefix}.images[{j}]") is { } path)
                    {
                        images.Add(path);
                    }
                }
            }
            // Kept even when broken, so its image files are still checked in this pass; a work without
            // a valid id takes no part in the id checks (the load fails anyway).
            _works.Add(new ParsedWork(id, images, map.Line, prefix));
        }
    }

    private void ReadStorefronts(RawNode node, string key, List<string> into)
    {
        if (ExpectSequence(node, key) is not { } list)
        {
            return;
        }
        for (int i = 0; i < list.Items.Count; i++)
        {
            if (ReadId(list.Items[i], $"{key}[{i}]") is { } id)
            {
                into.Add(id);
            }
        }
    }

    private bool ReadStringList(RawNode node, string key, List<string> into)
    {
        if (ExpectSequence(node, key) is not { } list)
        {
            return false;
        }
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            if (ReadString(list.Items[i], $"{key}[{i}]", allowEmpty: false) is { } value)
            {
                into.Add(value);
            }
            else
            {
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>The entries of a mapping by key; reports non-scalar keys, keys given twice and keys
    /// not in <paramref name="known"/>.</summary>
    private Dictionary<string, RawNode> ReadKeys(RawMapping map, string prefix, string[] known)
    {
        var keys = new Dictionary<string, RawNode>(StringComparer.Ordinal);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Entries)
        {
            if (keyNode is not RawScalar { IsNull: false } scalar)
            {
                Error(keyNode.Line, prefix.TrimEnd('.') is { Length: > 0 } p ? p : "(case)", $"keys must be plain strings, found {keyNode.Describe}");
                continue;
            }
            string name = scalar.Value;
            if (Array.IndexOf(known, name) < 0)
            {
                Error(keyNode.Line, prefix + name, "unknown key; expected one of: " + string.Join(", ", known));
                continue;
            }
            if (lines.TryGetValue(name, out int firstLine))
            {
                Error(keyNode.Line, prefix + name, $"key given twice (first on line {firstLine})");
                continue;
            }
            lines[name] = keyNode.Line;
            keys[name] = value;
        }
        return keys;
    }

    private void RequireKeys(RawMapping map, Dictionary<string, RawNode> keys, string prefix, params string[] required)
    {
        foreach (string name in required)
        {
            if (!keys.TryGetValue(name, out var node) || IsNull(node))
            {
                Error(map.Line, prefix + name, "required key is missing");
            }
        }
    }

    /// <summary>The node of a key that is present and not null (a null optional key counts as absent;
    /// a null required key was already reported as missing).</summary>
    private static RawNode? Get(Dictionary<string, RawNode> keys, string name) =>
        keys.TryGetValue(name, out var node) && !IsNull(node) ? node : null;

    private static bool IsNull(RawNode node) => node is RawScalar { IsNull: true };

    private string OptionalString(Dictionary<string, RawNode> keys, string name) =>
        Get(keys, name) is { } node ? ReadString(node, name, allowEmpty: true) ?? "" : "";

    private string? ReadString(RawNode node, string key, bool allowEmpty)
    {
        if (node is not RawScalar scalar)
        {
            Error(node.Line, key, $"expected a string, found {node.Describe}");
            return null;
        }
        if (!allowEmpty && string.IsNullOrWhiteSpace(scalar.Value))
        {
            Error(node.Line, key, "must not be empty");
            return null;
        }
        return scalar.Value;
    }

    /// <summary>Case, mark, work and storefront ids: non-empty, no whitespace or control characters
    /// (they travel in evidence and in one-id-a-line files).</summary>
    private string? ReadId(RawNode node, string key)
    {
        if (ReadString(node, key, allowEmpty: false) is not { } value)
        {
            return null;
        }
        if (RegistryText.FindBadIdChar(value) is { } bad)
        {
            Error(node.Line, key, $"'{value}' is not a valid id: {bad}");
            return null;
        }
        return value;
    }

    private DateOnly? ReadDate(RawNode node, string key)
    {
        if (ReadString(node, key, allowEmpty: false) is not { } value)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Error(node.Line, key, $"'{value}' is not a date (YYYY-MM-DD)");
            return null;
        }
        return date;
    }

    private int? ReadInt(RawNode node, string key, int min, int max)
    {
        if (ReadString(node, key, allowEmpty: false) is not { } value)
        {
            return null;
        }
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
        {
            Error(node.Line, key, $"'{value}' is not an integer");
            return null;
        }
        if (number < min || number > max)
        {
            Error(node.Line, key, $"{number} is out of range [{min}, {max}]");
            return null;
        }
        return number;
    }

    private T? ReadEnum<T>(RawNode node, string key, (string Name, T Value)[] options)
        where T : struct
    {
        if (node is not RawScalar scalar)
        {
            Error(node.Line, key, $"expected one of {Names(options)}, found {node.Describe}");
            return null;
        }
        foreach (var (name, value) in options)
        {
            if (string.Equals(name, scalar.Value, StringComparison.Ordinal))
            {
                return value;
            }
        }
        Error(node.Line, key, $"'{scalar.Value}' is not one of {Names(options)}");
        return null;
    }

    private static string Names<T>((string Name, T Value)[] options)
    {
        // Only the canonical (lower-case) spellings are worth suggesting.
        var names = new List<string>(options.Length);
        foreach (var (name, _) in options)
        {
            if (name == name.ToLowerInvariant() && !names.Contains(name))
            {
                names.Add(name);
            }
        }
        return string.Join("|", names);
    }

    private PathRef? ReadPath(RawNode node, string key) =>
        ReadString(node, key, allowEmpty: false) is { } path ? new PathRef(path, node.Line, key) : null;

    private RawMapping? ExpectMapping(RawNode node, string key)
    {
        if (node is RawMapping map)
        {
            return map;
        }
        Error(node.Line, key, $"expected a mapping, found {node.Describe}");
        return null;
    }

    private RawSequence? ExpectSequence(RawNode node, string key)
    {
        if (node is RawSequence list)
        {
            return list;
        }
        Error(node.Line, key, $"expected a list, found {node.Describe}");
        return null;
    }

    private void Error(int line, string key, string message) => _errors.Add(new RegistryError(_file, line, key, message));
}
