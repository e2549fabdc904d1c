using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClassifyRpc.Registry.Internal.Yaml;

/// <summary>Reads one YAML document into a <see cref="RawNode"/> tree, keeping line numbers.</summary>
internal static class RawYamlReader
{
    /// <summary>
    /// The single document of <paramref name="text"/>, or null with <paramref name="problem"/> set
    /// (syntax error, several documents, empty file) and <paramref name="problemLine"/> where it is.
    /// </summary>
    public static RawNode? Read(string text, out string? problem, out int problemLine)
    {
        problem = null;
        problemLine = 0;
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                problem = "the file is empty; expected one case (a mapping)";
                problemLine = 1;
                return null;
            }
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, RawNode>(StringComparer.Ordinal);
            RawNode root = ReadNode(parser, anchors);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                problem = "more than one YAML document; a case file holds exactly one case";
                problemLine = LineOf(second.Start);
                return null;
            }
            parser.Consume<StreamEnd>();
            return root;
        }
        catch (YamlException e)
        {
            // YamlException's message already carries "(Line: .., Col: ..)"; keep only the reason.
            problem = "not valid YAML: " + (e.InnerException?.Message ?? TrimMark(e.Message));
            problemLine = LineOf(e.Start);
            return null;
        }
    }

    private static RawNode ReadNode(IParser parser, Dictionary<string, RawNode> anchors)
    {
        RawNode node;
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                node = new RawScalar(LineOf(scalar.Start), scalar.Value, IsNull(scalar));
                Remember(scalar, node, anchors);
                return node;
            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<RawNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, anchors));
                }
                node = new RawSequence(LineOf(start.Start), items);
                Remember(start, node, anchors);
                return node;
            }
            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<RawNode, RawNode>>();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    RawNode key = ReadNode(parser, anchors);
                    RawNode value = ReadNode(parser, anchors);
                    entries.Add(new(key, value));
                }
                node = new RawMapping(LineOf(start.Start), entries);
                Remember(start, node, anchors);
                return node;
            }
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return target;
                }
                throw new SemanticErrorException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
            default:
                throw new SemanticErrorException(parser.Current!.Start, parser.Current.End, "unexpected YAML event " + parser.Current.GetType().Name);
        }
    }

    private static void Remember(NodeEvent evt, RawNode node, Dictionary<string, RawNode> anchors)
    {
        if (!evt.Anchor.IsEmpty)
        {
            anchors[evt.Anchor.Value] = node;
        }
    }

    // YAML 1.2 core schema: a plain (unquoted) empty, ~ or null is null; quoted "" is an empty string.
    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static int LineOf(YamlDotNet.Core.Mark mark) => (int)Math.Max(1, mark.Line);

    private static string TrimMark(string message)
    {
        int close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close >= 0 ? message[(close + 3)..] : message;
    }
}
