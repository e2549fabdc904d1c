namespace ClassifyRpc.Text.Internal.Spellings;

/// <summary>
/// The one-typo spellings of a form (DESIGN "fuzzy"): every letter sequence one edit away from the form's
/// letters (insert, delete, substitute, swap two neighbours; letters a-z and 0-9), each then read every way
/// (<see cref="Readings"/>). The form itself is included. This is the definition the scan's verification
/// automata are built from and checked against.
/// </summary>
/// <remarks>
/// Word boundaries travel with the letters: a deleted word start passes it to the next letter of its word;
/// a letter inserted where two words meet is tried at the end of the first and at the start of the second
/// (it may pair with a neighbour on one side only); a swap across words swaps the letters, not the boundary.
/// </remarks>
internal static class Typos
{
    /// <summary>The letters an insertion or a substitution may write.</summary>
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>Adds every one-typo spelling of <paramref name="form"/>, and its own spellings, to <paramref name="into"/>;
    /// false (having stopped) once <paramref name="into"/> holds more than <paramref name="limit"/>.</summary>
    public static bool AddAll(MarkLetters form, ICollection<string> into, int limit = int.MaxValue)
    {
        ReadOnlySpan<char> letters = form.Letters;
        ReadOnlySpan<bool> starts = form.WordStart;
        int n = letters.Length;
        var edited = new char[n + 1];
        var editedStarts = new bool[n + 1];

        bool Add(ReadOnlySpan<char> l, ReadOnlySpan<bool> w, ICollection<string> set)
        {
            Readings.AddAll(l, w, set);
            return set.Count <= limit;
        }

        if (!Add(letters, starts, into))
        {
            return false;
        }

        // Deletions.
        for (int i = 0; i < n; i++)
        {
            if (n == 1)
            {
                break;
            }
            letters[..i].CopyTo(edited);
            letters[(i + 1)..].CopyTo(edited.AsSpan(i));
            starts[..i].CopyTo(editedStarts);
            starts[(i + 1)..].CopyTo(editedStarts.AsSpan(i));
            if (starts[i] && i < n - 1)
            {
                // The deleted letter began a word: the next letter begins it now (or the next word, as before).
                editedStarts[i] = true;
            }
            if (!Add(edited.AsSpan(0, n - 1), editedStarts.AsSpan(0, n - 1), into))
            {
                return false;
            }
        }

        // Swaps of two neighbours: the letters move, the word boundary between them (if any) stays.
        for (int i = 0; i + 1 < n; i++)
        {
            letters.CopyTo(edited);
            starts.CopyTo(editedStarts);
            (edited[i], edited[i + 1]) = (edited[i + 1], edited[i]);
            if (!Add(edited.AsSpan(0, n), editedStarts.AsSpan(0, n), into))
            {
                return false;
            }
        }

        foreach (char x in Alphabet)
        {
            // Substitutions.
            for (int i = 0; i < n; i++)
            {
                if (letters[i] == x)
                {
                    continue;
                }
                letters.CopyTo(edited);
                starts.CopyTo(editedStarts);
                edited[i] = x;
                if (!Add(edited.AsSpan(0, n), editedStarts.AsSpan(0, n), into))
                {
                    return false;
                }
            }
            // Insertions, before letter i (i == n: at the end).
            for (int i = 0; i <= n; i++)
            {
                letters[..i].CopyTo(edited);
                edited[i] = x;
                letters[i..].CopyTo(edited.AsSpan(i + 1));
                starts[..i].CopyTo(editedStarts);
                starts[i..].CopyTo(editedStarts.AsSpan(i + 1));
                if (i == 0)
                {
                    editedStarts[0] = true;
                    editedStarts[1] = false;
                    if (!Add(edited.AsSpan(0, n + 1), editedStarts.AsSpan(0, n + 1), into))
                    {
                        return false;
                    }
                    continue;
                }
                // Inside a word, or at the end of the word before a boundary: the letter joins the word on its left.
                editedStarts[i] = false;
                if (!Add(edited.AsSpan(0, n + 1), editedStarts.AsSpan(0, n + 1), into))
                {
                    return false;
                }
                if (i < n && starts[i])
                {
                    // Where two words meet, it may also begin the second one.
                    editedStarts[i] = true;
                    editedStarts[i + 1] = false;
                    if (!Add(edited.AsSpan(0, n + 1), editedStarts.AsSpan(0, n + 1), into))
                    {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
