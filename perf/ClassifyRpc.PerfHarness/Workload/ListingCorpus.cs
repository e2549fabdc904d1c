using System.Text.Json;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>Reads the public labelled corpus (listing texts built from the bundled registry's marks), or any file in its
/// shape (a generated docket's listings.jsonl).</summary>
internal static class ListingCorpus
{
    public static IReadOnlyList<CorpusRecord> Load(string path)
    {
        var records = new List<CorpusRecord>(capacity: 4096);
        int lineNumber = 0;
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                using JsonDocument document = JsonDocument.Parse(line);
                JsonElement root = document.RootElement;
                JsonElement keywords = root.GetProperty("keywords");
                string[] words = new string[keywords.GetArrayLength()];
                int k = 0;
                foreach (JsonElement word in keywords.EnumerateArray())
                {
                    words[k++] = word.GetString() ?? "";
                }
                records.Add(new CorpusRecord(
                    Required(root, "listing_id"),
                    Required(root, "storefront_id"),
                    Required(root, "title"),
                    Required(root, "description"),
                    words));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a corpus listing ({e.Message})", e);
            }
        }
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{path}: no listings");
        }
        return records;
    }

    /// <summary>
    /// <paramref name="first"/> and <paramref name="second"/> interleaved in proportion (each keeps its order), so that
    /// any prefix the workload takes (a --quick pool, a batch) holds both in the same mix as the whole.
    /// </summary>
    public static IReadOnlyList<CorpusRecord> Interleave(IReadOnlyList<CorpusRecord> first, IReadOnlyList<CorpusRecord> second)
    {
        int total = first.Count + second.Count;
        var mixed = new List<CorpusRecord>(total);
        int a = 0, b = 0;
        for (int i = 0; i < total; i++)
        {
            bool takeSecond = a == first.Count || (b < second.Count && (long)b * total < (long)(i + 1) * second.Count);
            mixed.Add(takeSecond ? second[b++] : first[a++]);
        }
        return mixed;
    }

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new InvalidDataException($"'{name}' is null");
}
