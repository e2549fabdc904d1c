using System.Globalization;

namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// <c>notices_file</c>: CSV with the header <c>listing_id,received,reference</c>, one notice a row.
/// Fields may be quoted (RFC 4180, <c>""</c> for a quote; no line breaks inside fields). Blank lines
/// are skipped. Every row needs a listing id, a date (YYYY-MM-DD) and a reference; a listing named
/// twice in one file is an error (which reference would the evidence cite?).
/// </summary>
internal static class NoticesFileReader
{
    private static readonly string[] s_header = ["listing_id", "received", "reference"];

    public static void Read(string file, string text, Dictionary<string, Notice> into, List<RegistryError> errors)
    {
        var fields = new List<string>(4);
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        bool headerSeen = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            if (line.IsWhiteSpace())
            {
                continue;
            }
            if (!TrySplit(line, fields, out string? problem))
            {
                errors.Add(new RegistryError(file, lineNumber, "notices_file", problem!));
                headerSeen = true;
                continue;
            }
            if (!headerSeen)
            {
                headerSeen = true;
                if (fields.Count != 3 || fields[0] != s_header[0] || fields[1] != s_header[1] || fields[2] != s_header[2])
                {
                    errors.Add(new RegistryError(file, lineNumber, "notices_file", "the first line must be the header listing_id,received,reference"));
                }
                continue;
            }
            if (fields.Count != 3)
            {
                errors.Add(new RegistryError(file, lineNumber, "notices_file", $"expected 3 fields (listing_id,received,reference), found {fields.Count}"));
                continue;
            }
            string listingId = fields[0];
            bool ok = true;
            if (listingId.Length == 0 || RegistryText.FindBadIdChar(listingId) is not null)
            {
                errors.Add(new RegistryError(file, lineNumber, "listing_id", $"'{listingId}' is not a listing id"));
                ok = false;
            }
            if (!DateOnly.TryParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var received))
            {
                errors.Add(new RegistryError(file, lineNumber, "received", $"'{fields[1]}' is not a date (YYYY-MM-DD)"));
                ok = false;
            }
            if (string.IsNullOrWhiteSpace(fields[2]))
            {
                errors.Add(new RegistryError(file, lineNumber, "reference", "must not be empty"));
                ok = false;
            }
            if (!ok)
            {
                continue;
            }
            if (firstLines.TryGetValue(listingId, out int firstLine))
            {
                errors.Add(new RegistryError(file, lineNumber, "listing_id", $"listing '{listingId}' is already noticed on line {firstLine}"));
                continue;
            }
            firstLines[listingId] = lineNumber;
            into[listingId] = new Notice(listingId, received, fields[2]);
        }
        if (!headerSeen)
        {
            errors.Add(new RegistryError(file, 1, "notices_file", "the file is empty; expected the header listing_id,received,reference"));
        }
    }

    /// <summary>Splits one CSV line; fields are trimmed of surrounding spaces outside quotes.</summary>
    private static bool TrySplit(ReadOnlySpan<char> line, List<string> fields, out string? problem)
    {
        fields.Clear();
        problem = null;
        int i = 0;
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            sb.Clear();
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        problem = "a quoted field is not closed";
                        return false;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                while (i < line.Length && line[i] == ' ')
                {
                    i++;
                }
                if (i < line.Length && line[i] != ',')
                {
                    problem = "unexpected text after a quoted field";
                    return false;
                }
                fields.Add(sb.ToString());
            }
            else
            {
                int comma = line[i..].IndexOf(',');
                var field = comma < 0 ? line[i..] : line.Slice(i, comma);
                fields.Add(field.Trim().ToString());
                i = comma < 0 ? line.Length : i + comma;
            }
            if (i >= line.Length)
            {
                return true;
            }
            i++; // the comma
        }
    }
}
