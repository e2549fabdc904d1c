namespace ClassifyRpc.Registry.Internal;

/// <summary>
/// <c>defendants_file</c>: one storefront id a line. Blank lines and lines starting with <c>#</c> are
/// skipped; <c># ...</c> after an id (separated by whitespace) is a comment too.
/// </summary>
internal static class DefendantsFileReader
{
    public static void Read(string file, string text, List<string> into, List<RegistryError> errors)
    {
        int lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }
            int comment = IndexOfTrailingComment(line);
            if (comment >= 0)
            {
                line = line[..comment].TrimEnd();
            }
            string id = line.ToString();
            if (RegistryText.FindBadIdChar(id) is { } bad)
            {
                errors.Add(new RegistryError(file, lineNumber, "defendants_file", $"'{id}' is not a storefront id: {bad} (one id a line)"));
                continue;
            }
            into.Add(id);
        }
    }

    private static int IndexOfTrailingComment(ReadOnlySpan<char> line)
    {
        for (int i = 1; i < line.Length; i++)
        {
            if (line[i] == '#' && char.IsWhiteSpace(line[i - 1]))
            {
                return i;
            }
        }
        return -1;
    }
}
