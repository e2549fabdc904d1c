namespace ClassifyRpc.Text.Internal.Spellings;

/// <summary>
/// Step 4 for marks: a listing folds a pair (rn, vv, cl) only where its two letters stand side by side in
/// one word, so a mark is found however a listing shows its letters only if each of its pairs is read every
/// way: the look-alike X, the two letters a b (spelled out with a separator between), or X with either
/// letter repeated beside it (a X, X b, a X b: what folding leaves of "ccl", "cll", "vvv"). A reading is
/// then mapped to symbols (step 5) and collapsed (step 6), giving a spelling as the automaton holds it:
/// one char per symbol index.
/// </summary>
/// <remarks>
/// A mark's pairs are found as a listing's are: left to right inside each word ("vvv" is the pair vv, then
/// v). Word boundaries do not show in a spelling: matching reads the collapsed symbols across separators.
/// </remarks>
internal static class Readings
{
    /// <summary>Ways to read one pair: X; a b; a X; X b; a X b.</summary>
    public const int PerPair = 5;

    /// <summary>How many readings <paramref name="letters"/> has: <see cref="PerPair"/> to the power of its pairs
    /// (saturating at <see cref="int.MaxValue"/>).</summary>
    public static int Count(ReadOnlySpan<char> letters, ReadOnlySpan<bool> wordStart)
    {
        long count = 1;
        for (int i = 0; i + 1 < letters.Length; i++)
        {
            if (IsPair(letters, wordStart, i))
            {
                count = Math.Min(count * PerPair, int.MaxValue);
                i++;
            }
        }
        return (int)count;
    }

    /// <summary>Adds every reading of <paramref name="letters"/> to <paramref name="into"/> as a collapsed
    /// spelling. The caller bounds <see cref="Count"/> first.</summary>
    public static void AddAll(ReadOnlySpan<char> letters, ReadOnlySpan<bool> wordStart, ICollection<string> into)
    {
        Span<int> pairs = letters.Length <= 64 ? stackalloc int[letters.Length] : new int[letters.Length];
        int pairCount = 0;
        for (int i = 0; i + 1 < letters.Length; i++)
        {
            if (IsPair(letters, wordStart, i))
            {
                pairs[pairCount++] = i;
                i++;
            }
        }
        pairs = pairs[..pairCount];
        Span<int> choice = pairCount <= 64 ? stackalloc int[pairCount] : new int[pairCount];
        choice.Clear();
        Span<char> spelling = letters.Length * 2 <= 256 ? stackalloc char[letters.Length * 2] : new char[letters.Length * 2];
        while (true)
        {
            into.Add(Spell(letters, pairs, choice, spelling));
            // The next choice of readings, as a number in base PerPair.
            int p = 0;
            while (p < pairCount && ++choice[p] == PerPair)
            {
                choice[p++] = 0;
            }
            if (p == pairCount)
            {
                return;
            }
        }
    }

    /// <summary>Whether the last of <paramref name="letters"/> is the second letter of a pair, the pairs found as
    /// <see cref="Count"/> finds them.</summary>
    public static bool EndsInPair(ReadOnlySpan<char> letters, ReadOnlySpan<bool> wordStart)
    {
        for (int i = 0; i + 1 < letters.Length; i++)
        {
            if (IsPair(letters, wordStart, i))
            {
                if (i + 2 == letters.Length)
                {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /// <summary>Whether letters <paramref name="i"/> and i+1 are a pair of one word. Only valid on the
    /// left-to-right walk of <see cref="Count"/>, <see cref="AddAll"/> and <see cref="EndsInPair"/>, which skip a pair's second letter.</summary>
    private static bool IsPair(ReadOnlySpan<char> letters, ReadOnlySpan<bool> wordStart, int i)
    {
        char second = Symbols.PairSecond(letters[i]);
        return second != '\0' && letters[i + 1] == second && !wordStart[i + 1];
    }

    private static string Spell(ReadOnlySpan<char> letters, ReadOnlySpan<int> pairs, ReadOnlySpan<int> choice, Span<char> spelling)
    {
        int length = 0;
        int last = -1;
        int next = 0;   // the next pair
        for (int i = 0; i < letters.Length; i++)
        {
            if (next < pairs.Length && pairs[next] == i)
            {
                char a = letters[i];
                char b = letters[i + 1];
                char x = Symbols.PairJoined(a);
                switch (choice[next])
                {
                    case 0: Append(spelling, ref length, ref last, x); break;
                    case 1: Append(spelling, ref length, ref last, a); Append(spelling, ref length, ref last, b); break;
                    case 2: Append(spelling, ref length, ref last, a); Append(spelling, ref length, ref last, x); break;
                    case 3: Append(spelling, ref length, ref last, x); Append(spelling, ref length, ref last, b); break;
                    default: Append(spelling, ref length, ref last, a); Append(spelling, ref length, ref last, x); Append(spelling, ref length, ref last, b); break;
                }
                next++;
                i++;
                continue;
            }
            Append(spelling, ref length, ref last, letters[i]);
        }
        return new string(spelling[..length]);
    }

    /// <summary>Steps 5 and 6: the raw letter's symbol, unless it repeats the last one.</summary>
    private static void Append(Span<char> spelling, ref int length, ref int last, char raw)
    {
        int symbol = Symbols.FromRaw[raw];
        if (symbol != last)
        {
            spelling[length++] = (char)symbol;
            last = symbol;
        }
    }
}
