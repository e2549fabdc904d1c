using System.Text.Json;
using ClassifyRpc.Tests;
using ClassifyRpc.Text;

namespace ClassifyRpc.Benchmarks;

/// <summary>
/// Inputs shared by the text benchmarks: the ASCII fields of the public listing corpus (titles,
/// descriptions, keywords: what the service scans), and the mark sets compared.
/// </summary>
internal static class TextBenchmarkData
{
    /// <summary>Every ASCII field of tests/data/listings-public.jsonl, in corpus order (with
    /// <paramref name="benignOnly"/>, only those of listings labelled benign: text that must not match).</summary>
    public static string[] LoadAsciiFields(bool benignOnly = false)
    {
        var fields = new List<string>();
        foreach (string line in File.ReadLines(RepoPaths.Data("listings-public.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement root = doc.RootElement;
            if (benignOnly && root.GetProperty("label").GetProperty("kind").GetString() != "benign")
            {
                continue;
            }
            Add(fields, root.GetProperty("title").GetString());
            Add(fields, root.GetProperty("description").GetString());
            foreach (JsonElement keyword in root.GetProperty("keywords").EnumerateArray())
            {
                Add(fields, keyword.GetString());
            }
        }
        return [.. fields];
    }

    private static void Add(List<string> fields, string? text)
    {
        if (!string.IsNullOrEmpty(text) && System.Text.Ascii.IsValid(text))
        {
            fields.Add(text);
        }
    }

    /// <summary>The bundled registry's four marks (registry/cases/*.yaml).</summary>
    public static MarkDefinition[] RegistryMarks() =>
    [
        new("squishmallows", "Squishmallows", MarkMode.Anywhere, true, ["Squishmallowing", "Squish Mallow"]),
        new("lumi", "Lumi", MarkMode.Word, false, []),
        new("snugglewomp", "Snugglewomp", MarkMode.Anywhere, true, []),
        new("womp-pals", "Womp Pals", MarkMode.Word, false, []),
    ];

    /// <summary>Ten toy and character brands, no fuzzy expansion.</summary>
    public static MarkDefinition[] TenMarks()
    {
        string[] names = ["Squishmallows", "Snugglewomp", "Jellycat", "Pokemon", "Labubu", "Beanie Boos", "Funko", "Hello Kitty", "Bluey", "Sanrio"];
        return [.. names.Select(n => new MarkDefinition(n.ToLowerInvariant(), n, MarkMode.Anywhere, false, []))];
    }

    /// <summary><paramref name="count"/> made-up brand-like words (6 to 12 letters), deterministic.</summary>
    public static MarkDefinition[] RandomMarks(int count, int seed)
    {
        var random = new Random(seed);
        var marks = new MarkDefinition[count];
        Span<char> word = stackalloc char[12];
        for (int i = 0; i < count; i++)
        {
            int length = random.Next(6, 13);
            for (int j = 0; j < length; j++)
            {
                word[j] = (char)('a' + random.Next(26));
            }
            marks[i] = new MarkDefinition($"m{i}", new string(word[..length]), MarkMode.Anywhere, false, []);
        }
        return marks;
    }

    /// <summary>What the scan benchmarks measure: <paramref name="automaton"/> over every field, the hits counted
    /// (so the work cannot be dropped) and the buffer reused, as the service reuses one per thread.</summary>
    public static int ScanAll(MarkAutomaton automaton, string[] fields, MarkHitBuffer hits)
    {
        int count = 0;
        foreach (string field in fields)
        {
            hits.Clear();
            automaton.Scan(field, hits);
            count += hits.Count;
        }
        return count;
    }
}
