using ClassifyRpc.Text.Internal.Fuzzy;
using ClassifyRpc.Text.Internal.Spellings;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Expands mark definitions into the distinct collapsed spellings the DFA matches: every reading
/// (<see cref="Readings"/>) of the mark's letters, of the same with one trailing plural s dropped, and of
/// its variants, in word mode each followed by the allowed suffixes. Fuzzy marks (stems of at least
/// <see cref="MinFuzzyLetters"/> letters) go to a <see cref="FuzzyCompiler"/>, whose anchors come back as
/// spellings of their own (<see cref="AddAnchors"/>); or their one-typo spellings are compiled here directly
/// (<see cref="FuzzyMode.Expanded"/>: small sets of fuzzy marks, and what the tests hold the verification to).
/// </summary>
internal sealed class PatternCompiler
{
    /// <summary>Fuzzy matching applies to forms of at least this many letters (each a symbol when spelled out).</summary>
    public const int MinFuzzyLetters = 6;

    // Spelling (symbols as chars, collapsed) -> pattern index.
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _spellings = [];
    private readonly List<List<PatternEntry>> _entries = [];
    private readonly HashSet<string> _readings = new(StringComparer.Ordinal);

    /// <summary>The current mark's own readings (of every form), which its typos need not verify.</summary>
    private readonly HashSet<string> _ownReadings = new(StringComparer.Ordinal);

    private readonly MarkLimits _limits;
    private readonly FuzzyMode _fuzzyMode;

    public PatternCompiler(MarkLimits limits, FuzzyMode fuzzyMode)
    {
        if (fuzzyMode is not (FuzzyMode.Verified or FuzzyMode.Expanded))
        {
            throw new ArgumentOutOfRangeException(nameof(fuzzyMode), fuzzyMode, "choose Verified or Expanded");
        }
        _limits = limits;
        _fuzzyMode = fuzzyMode;
    }

    public int PatternCount => _spellings.Count;

    public IReadOnlyList<string> Spellings => _spellings;

    public IReadOnlyList<List<PatternEntry>> Entries => _entries;

    /// <summary>The fuzzy marks' compiler (<see cref="FuzzyMode.Verified"/>).</summary>
    public FuzzyCompiler Fuzzy { get; } = new();

    public void Add(int markIndex, MarkDefinition mark)
    {
        if (mark is null)
        {
            throw new MarkDefinitionException(markIndex, "", "the mark is null");
        }
        string id = mark.Id ?? "";
        if (string.IsNullOrWhiteSpace(mark.Id))
        {
            throw new MarkDefinitionException(markIndex, id, "the mark has no id");
        }
        if (mark.Text is null)
        {
            throw new MarkDefinitionException(markIndex, id, "the mark has no text");
        }
        if (mark.Mode is not (MarkMode.Anywhere or MarkMode.Word))
        {
            throw new MarkDefinitionException(markIndex, id, $"unknown mode {mark.Mode}");
        }
        bool words = mark.Mode == MarkMode.Word;

        _ownReadings.Clear();
        MarkLetters full = LettersOf(markIndex, id, mark.Text, $"text '{mark.Text}'");
        MarkLetters stem = full.Stem;
        AddForm(markIndex, stem, words);
        if (stem.Count != full.Count)
        {
            AddForm(markIndex, full, words);
        }
        if (mark.Variants is not null)
        {
            foreach (string variant in mark.Variants)
            {
                if (string.IsNullOrWhiteSpace(variant))
                {
                    throw new MarkDefinitionException(markIndex, id, "a variant is empty");
                }
                AddForm(markIndex, LettersOf(markIndex, id, variant, $"variant '{variant}'"), words);
            }
        }

        if (mark.Fuzzy && stem.Count >= MinFuzzyLetters)
        {
            // The plural's own typos too, so that evidence for a typo'd plural ("Squishmellows") covers the
            // whole word: its stem hit and this one merge.
            MarkLetters[] forms = stem.Count != full.Count ? [stem, full] : [stem];
            bool withinLimit = _fuzzyMode == FuzzyMode.Expanded
                ? AddTypos(markIndex, forms, words)
                : Fuzzy.Add(markIndex, forms, _ownReadings, _limits.MaxTypoSpellings, _limits.MinAnchorSymbols);
            if (!withinLimit)
            {
                throw new MarkDefinitionException(markIndex, id, $"fuzzy: more than {_limits.MaxTypoSpellings} one-typo spellings; the limit is {_limits.MaxTypoSpellings}");
            }
        }
    }

    /// <summary>
    /// About how many one-typo spellings the fuzzy marks have in all (75 per letter of a form, times its
    /// readings, stem and plural): what compiling them into the DFA would cost, estimated without
    /// enumerating anything. Marks that cannot compile count nothing here (<see cref="Add"/> reports them).
    /// </summary>
    public static long EstimateTypos(IReadOnlyList<MarkDefinition> marks)
    {
        long total = 0;
        foreach (MarkDefinition mark in marks)
        {
            if (mark is not { Fuzzy: true, Text: not null })
            {
                continue;
            }
            MarkLetters full = MarkLetters.Of(mark.Text);
            int stem = full.Stem.Count;
            if (stem < MinFuzzyLetters)
            {
                continue;
            }
            long readings = Readings.Count(full.Letters, full.WordStart);
            total += 75L * (full.Count + 1) * readings * (stem == full.Count ? 1 : 2);
        }
        return total;
    }

    /// <summary>Adds the fuzzy compiler's anchors as spellings whose entries name them (<see cref="PatternEntry.IsAnchor"/>).</summary>
    public void AddAnchors()
    {
        IReadOnlyList<string> anchors = Fuzzy.Anchors;
        for (int a = 0; a < anchors.Count; a++)
        {
            EntriesOf(anchors[a]).Add(PatternEntry.Anchor(a));
        }
    }

    private MarkLetters LettersOf(int markIndex, string id, string text, string what)
    {
        MarkLetters letters = MarkLetters.Of(text);
        if (letters.Count == 0)
        {
            throw new MarkDefinitionException(markIndex, id, $"{what} normalizes to nothing (no letter or digit)");
        }
        if (letters.Count > _limits.MaxMarkSymbols)
        {
            throw new MarkDefinitionException(markIndex, id, $"{what} has {letters.Count} letters and digits; the limit is {_limits.MaxMarkSymbols}");
        }
        int readings = Readings.Count(letters.Letters, letters.WordStart);
        if (readings > _limits.MaxReadings)
        {
            throw new MarkDefinitionException(markIndex, id, $"{what} holds too many look-alike pairs (rn, vv, cl): {readings} readings; the limit is {_limits.MaxReadings}");
        }
        return letters;
    }

    private void AddForm(int markIndex, MarkLetters form, bool words)
    {
        _readings.Clear();
        Readings.AddAll(form.Letters, form.WordStart, _readings);
        foreach (string reading in _readings)
        {
            _ownReadings.Add(reading);
            AddSpelling(markIndex, reading, 0, words);
        }
    }

    /// <summary>Every one-typo spelling compiled as a fuzzy spelling of the DFA (<see cref="FuzzyMode.Expanded"/>).</summary>
    private bool AddTypos(int markIndex, MarkLetters[] forms, bool words)
    {
        var typos = new HashSet<string>(StringComparer.Ordinal);
        foreach (MarkLetters form in forms)
        {
            if (!Typos.AddAll(form, typos, _limits.MaxTypoSpellings))
            {
                return false;
            }
        }
        foreach (string spelling in typos)
        {
            if (!words && HoldsOwnReading(spelling))
            {
                // A typo that holds one of the mark's own readings whole ("xsquishmallow", an insertion at either
                // end): wherever it matches, that reading matches inside it, and the fuzzy hit, overlapping an
                // exact hit of its mark, is dropped. Not compiled: a tenth fewer states for the registry, and no
                // state for "any letter, then the mark's first letter" near the root, where the scan spends its
                // time. (Word mode keeps it: there "xgarden" is a word that "garden" does not cover.)
                continue;
            }
            AddSpelling(markIndex, spelling, 1, words);
        }
        return true;
    }

    private bool HoldsOwnReading(string spelling)
    {
        foreach (string own in _ownReadings)
        {
            if (own.Length >= 2 && spelling.Contains(own, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private void AddSpelling(int markIndex, string reading, byte edits, bool words)
    {
        if (!words)
        {
            AddEntry(markIndex, reading, edits, words);
            return;
        }
        // A reading is never empty: a mark's forms are checked to hold a letter first.
        int last = reading[^1];
        for (int k = 0; k < WordSuffixes.Count; k++)
        {
            AddEntry(markIndex, string.Concat(reading, WordSuffixes.RunsAfter(last, k)), edits, words);
        }
    }

    private void AddEntry(int markIndex, string spelling, byte edits, bool words)
    {
        List<PatternEntry> entries = EntriesOf(spelling);
        for (int i = 0; i < entries.Count; i++)
        {
            if (entries[i].MarkIndex == markIndex)
            {
                // One entry per mark and spelling; the mark's own form beats a fuzzy spelling.
                if (edits < entries[i].Edits)
                {
                    entries[i] = entries[i] with { Edits = edits };
                }
                return;
            }
        }
        entries.Add(new PatternEntry(markIndex, edits, words));
    }

    private List<PatternEntry> EntriesOf(string spelling)
    {
        if (!_index.TryGetValue(spelling, out int pattern))
        {
            pattern = _spellings.Count;
            _index.Add(spelling, pattern);
            _spellings.Add(spelling);
            _entries.Add([]);
        }
        return _entries[pattern];
    }
}
