using System.Text.Json;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>Reads the public labelled corpus (listing texts built from the bundled registry's marks).</summary>
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

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new InvalidDataException($"'{name}' is null");
}
