using System.Text;

namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// The design's normalization (steps 3-6) for ASCII text, written out again here rather than borrowed from
/// ClassifyRpc.Text: the generator uses it to keep its marks apart and its listings free of marks they were not
/// meant to carry, and that check is only worth something if it does not share the engine's code. ASCII only:
/// the generator runs it on its own marks and filler, never on the fullwidth forms it plants (NFKC folds those to
/// the ASCII they came from).
/// </summary>
internal static class Readings
{
    /// <summary>The symbol of one ASCII character after lower-casing and the classes (step 5), or '\0' for a separator.</summary>
    public static char Symbol(char raw)
    {
        char c = raw is >= 'A' and <= 'Z' ? (char)(raw + 32) : raw;
        return c switch
        {
            'l' or '1' or '|' or '!' => 'i',
            '0' => 'o',
            '5' or '$' => 's',
            '4' or '@' => 'a',
            '3' => 'e',
            '7' => 't',
            '9' => 'g',
            '8' => 'b',
            >= 'a' and <= 'z' => c,
            '2' or '6' => c,
            _ => '\0',
        };
    }

    /// <summary>The letter the look-alike pair <paramref name="first"/><paramref name="second"/> reads as (step 4:
    /// rn -&gt; m, vv -&gt; w, cl -&gt; d), or '\0' when the two are no pair. Case-blind: lower-casing comes first.</summary>
    public static char PairJoined(char first, char second) => (Lower(first), Lower(second)) switch
    {
        ('r', 'n') => 'm',
        ('v', 'v') => 'w',
        ('c', 'l') => 'd',
        _ => '\0',
    };

    /// <summary>Start offsets of the pairs of <paramref name="word"/>, read left to right as the service reads them
    /// (the second letter of a pair never starts another).</summary>
    public static List<int> PairStarts(string word)
    {
        var starts = new List<int>();
        for (int i = 0; i + 1 < word.Length; i++)
        {
            if (PairJoined(word[i], word[i + 1]) != '\0')
            {
                starts.Add(i);
                i++;
            }
        }
        return starts;
    }

    /// <summary>
    /// The symbols of <paramref name="text"/> as the service reads a listing: pairs read as one letter left to
    /// right inside a word, the classes, separators dropped, runs of one symbol collapsed across them.
    /// </summary>
    public static string OfText(string text)
    {
        var symbols = new StringBuilder(text.Length);
        char last = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char symbol;
            char joined = i + 1 < text.Length ? PairJoined(text[i], text[i + 1]) : '\0';
            if (joined != '\0')
            {
                symbol = joined;
                i++;
            }
            else
            {
                symbol = Symbol(text[i]);
            }
            if (symbol != '\0' && symbol != last)
            {
                symbols.Append(symbol);
                last = symbol;
            }
        }
        return symbols.ToString();
    }

    /// <summary>
    /// Every way the service finds a mark (what a listing's text must hold for an exact hit): each of its pairs read
    /// as one letter or as its two letters, words joined, runs collapsed; and each of those without one trailing
    /// plural s. The pair spelled with a repeated letter beside it ("CClovvy") is left out: no fanciful name the
    /// generator makes reads like that.
    /// </summary>
    public static List<string> OfMark(string text)
    {
        string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pairs = new List<(int Word, int Start)>();
        for (int w = 0; w < words.Length; w++)
        {
            foreach (int start in PairStarts(words[w]))
            {
                pairs.Add((w, start));
            }
        }
        if (pairs.Count > 8)
        {
            throw new ArgumentException($"'{text}' holds {pairs.Count} look-alike pairs; the generator never makes more than one", nameof(text));
        }

        var readings = new List<string>();
        var symbols = new StringBuilder(text.Length);
        for (int mask = 0; mask < 1 << pairs.Count; mask++)
        {
            symbols.Clear();
            char last = '\0';
            int pair = 0;
            for (int w = 0; w < words.Length; w++)
            {
                string word = words[w];
                for (int i = 0; i < word.Length; i++)
                {
                    bool atPair = pair < pairs.Count && pairs[pair].Word == w && pairs[pair].Start == i;
                    if (atPair && (mask & (1 << pair)) != 0)
                    {
                        Append(symbols, PairJoined(word[i], word[i + 1]), ref last);
                        i++;
                    }
                    else
                    {
                        Append(symbols, Symbol(word[i]), ref last);
                        if (atPair)
                        {
                            Append(symbols, Symbol(word[i + 1]), ref last);
                            i++;
                        }
                    }
                    if (atPair)
                    {
                        pair++;
                    }
                }
            }
            string reading = symbols.ToString();
            AddOnce(readings, reading);
            if (reading.Length > 1 && reading[^1] == 's')
            {
                AddOnce(readings, reading[..^1]);
            }
        }
        return readings;
    }

    private static void Append(StringBuilder symbols, char symbol, ref char last)
    {
        if (symbol != '\0' && symbol != last)
        {
            symbols.Append(symbol);
            last = symbol;
        }
    }

    private static void AddOnce(List<string> readings, string reading)
    {
        if (reading.Length > 0 && !readings.Contains(reading))
        {
            readings.Add(reading);
        }
    }

    private static char Lower(char c) => c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
}
