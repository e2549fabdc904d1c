using System.Text;

namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// Makes fanciful, brand-like mark texts from syllables ("Zorvex", "Quindle", "Brakko Bear": the distinctive names
/// that Schedule A orders protect), each distinct from every earlier one as the service reads them
/// (<see cref="MarkIndex"/>), under the rules that keep a mark's length honest: no two neighbouring letters read
/// alike after the classes (so "Lillil" never happens and the number of letters is the number of symbols), and a
/// look-alike pair (rn, vv, cl: "Fernbun", "Clovvy") only where one was asked for, never beside the letter it reads
/// as.
/// </summary>
internal sealed class MarkNamer
{
    /// <summary>Tries before giving up on one name: far more than a docket of 50,000 marks ever needs.</summary>
    private const int MaxTries = 20_000;

    private static readonly string[] s_onsets =
    [
        "b", "br", "d", "dr", "f", "fr", "g", "gr", "h", "j", "k", "kr", "m", "n", "p", "pr", "qu", "r", "s", "sk",
        "sn", "st", "t", "tr", "v", "w", "z", "bl", "fl", "gl", "pl", "sl", "x", "y",
    ];

    private static readonly string[] s_vowels = ["a", "e", "i", "o", "u", "a", "o", "e", "ou", "ia", "ai"];

    /// <summary>Most syllables are open ("Qui-ndle" reads better than "Zakstioksniack"): a coda one time in three.</summary>
    private static readonly string[] s_codas = ["n", "r", "x", "k", "m", "s", "t", "nd", "mp", "rk"];

    /// <summary>Word endings by length (index 1 to 3), so a word can end on exactly the letters it was given: these
    /// after a consonant, <see cref="s_endingsAfterVowel"/> after a vowel, so no ending piles up consonants or vowels.</summary>
    private static readonly string[][] s_endingsAfterConsonant =
    [
        [],
        ["a", "o", "e", "y"],
        ["ix", "ex", "on", "ar", "ia", "ek", "um", "or", "en", "ax", "op", "ey"],
        ["ora", "ine", "ika", "ani", "oza", "usk", "ent", "olo", "ero", "ump", "ist", "ovo"],
    ];

    private static readonly string[][] s_endingsAfterVowel =
    [
        [],
        ["n", "x", "r", "k", "s", "m"],
        ["nx", "rk", "mp", "nt", "ry", "ly", "xa", "ra", "no", "ko", "zo"],
        ["ndo", "rka", "nza", "mpo", "xie", "ria", "tor", "sky", "dra", "nix"],
    ];

    private readonly DocketOptions _options;
    private readonly DocketRandom _random;
    private readonly StringBuilder _word = new();

    public MarkNamer(DocketOptions options, DocketRandom random)
    {
        _options = options;
        _random = random;
    }

    public MarkIndex Index { get; } = new();

    /// <summary>A new mark text for mark <paramref name="ordinal"/>, registered in <see cref="Index"/>.</summary>
    public string Next(int ordinal, bool fuzzy, bool twoWord, bool pair)
    {
        for (int attempt = 0; attempt < MaxTries; attempt++)
        {
            int letters = _random.Next(_options.MinLetters, _options.MaxLetters + 1);
            string text;
            if (twoWord)
            {
                int first = _random.Next(3, letters - 3 + 1);
                int pairWord = _random.Next(2);
                text = Word(first, pair && pairWord == 0) + " " + Word(letters - first, pair && pairWord == 1);
            }
            else
            {
                text = Word(letters, pair);
            }
            if (Follows(text, letters, fuzzy, pair) && Index.TryAdd(ordinal, Readings.OfMark(text)))
            {
                return text;
            }
        }
        throw new InvalidOperationException(
            $"no new mark name after {MaxTries} tries (mark {ordinal}): the options ask for more distinct names than {_options.MinLetters}-{_options.MaxLetters} letters give");
    }

    /// <summary>
    /// The rules of a name beyond its distinctness: the asked-for number of letters; exactly one look-alike pair when
    /// one was asked for, none otherwise; no two neighbouring letters alike after the classes (the pair vv aside),
    /// nor a pair beside the letter it reads as ("rnm"); and a fuzzy mark keeps 6 symbols with its pair read as one,
    /// the service's minimum for one-typo spellings.
    /// </summary>
    public static bool Follows(string text, int letters, bool fuzzy, bool pair)
    {
        int count = 0;
        int pairs = 0;
        char previous = '\0';
        string[] words = text.Split(' ');
        foreach (string word in words)
        {
            if (word.Length < 2)
            {
                return false;
            }
            List<int> starts = Readings.PairStarts(word);
            pairs += starts.Count;
            for (int i = 0; i < word.Length; i++)
            {
                char symbol = Readings.Symbol(word[i]);
                if (symbol is < 'a' or > 'z')
                {
                    return false;
                }
                count++;
                bool secondOfVv = i > 0 && starts.Contains(i - 1) && symbol == 'v';
                if (symbol == previous && !secondOfVv)
                {
                    return false;
                }
                previous = symbol;
            }
            foreach (int start in starts)
            {
                char joined = Readings.PairJoined(word[start], word[start + 1]);
                char before = start > 0 ? Readings.Symbol(word[start - 1]) : '\0';
                char after = start + 2 < word.Length ? Readings.Symbol(word[start + 2]) : '\0';
                if (before == joined || after == joined)
                {
                    return false;
                }
            }
        }
        if (count != letters || pairs != (pair ? 1 : 0))
        {
            return false;
        }
        return !fuzzy || count - pairs >= 6;
    }

    /// <summary>A capitalized word of exactly <paramref name="letters"/> letters, or "" when this attempt overshot
    /// (the caller then tries again): syllables, then an ending of the letters left.</summary>
    private string Word(int letters, bool pair)
    {
        _word.Clear();
        // The pair goes into one syllable: cl as its onset ("Clovvy"), rn as its coda ("Fernbun"), vv as the onset
        // of a syllable after the first ("Clovvy" again).
        int pairKind = pair ? _random.Next(3) : -1;
        int syllable = 0;
        int pairSyllable = pair ? _random.Next(Math.Max(1, (letters - 2) / 3)) : -1;
        while (_word.Length < letters - 3 || (pair && syllable <= pairSyllable))
        {
            bool here = syllable == pairSyllable;
            string onset = here && pairKind == 0 ? "cl"
                : here && pairKind == 2 && syllable > 0 ? "vv"
                : syllable == 0 && _random.Chance(0.2) ? ""
                : _random.Pick(s_onsets);
            string coda = here && pairKind == 1 ? "rn" : _random.Chance(0.33) ? _random.Pick(s_codas) : "";
            _word.Append(onset).Append(_random.Pick(s_vowels)).Append(coda);
            syllable++;
        }
        int left = letters - _word.Length;
        if (left < 0)
        {
            return "";
        }
        if (left > 0)
        {
            // A short word can be an ending alone ("Ora"): it starts as if after a consonant.
            bool vowel = _word.Length > 0 && "aeiouy".Contains(_word[^1], StringComparison.Ordinal);
            _word.Append(_random.Pick((vowel ? s_endingsAfterVowel : s_endingsAfterConsonant)[left]));
        }
        _word[0] = char.ToUpperInvariant(_word[0]);
        return _word.ToString();
    }
}
