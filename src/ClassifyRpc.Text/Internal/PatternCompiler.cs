using System.Text;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Expands mark definitions into the distinct collapsed spellings the automaton matches: the mark's
/// normalized text with one trailing plural s dropped (and the text itself), its variants, in word mode
/// each followed by the allowed suffixes, and for fuzzy marks every spelling one edit away from the
/// stem and from the full text when it differs (insert, delete, substitute, swap two neighbours)
/// before repeats collapse.
/// </summary>
internal sealed class PatternCompiler
{
    /// <summary>Fuzzy expansion applies to spellings of at least this many symbols (before collapse).</summary>
    public const int MinFuzzySymbols = 6;

    private static readonly string[] s_wordSuffixes = ["", "s", "es", "ing", "ed", "er", "ers"];

    // Spelling (symbols as chars, collapsed) -> pattern index.
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _spellings = [];
    private readonly List<List<PatternEntry>> _entries = [];
    private readonly StringBuilder _scratch = new();

    // The current anywhere mark's own forms, collapsed (see AddSpelling).
    private readonly List<string> _exactForms = [];

    private readonly MarkLimits _limits;

    public PatternCompiler(MarkLimits limits)
    {
        _limits = limits;
    }

    public int PatternCount => _spellings.Count;

    public IReadOnlyList<string> Spellings => _spellings;

    public IReadOnlyList<List<PatternEntry>> Entries => _entries;

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

        byte[] full = SymbolsOf(mark.Text);
        if (full.Length == 0)
        {
            throw new MarkDefinitionException(markIndex, id, $"text '{mark.Text}' normalizes to nothing (no letter or digit)");
        }
        if (full.Length > _limits.MaxMarkSymbols)
        {
            throw new MarkDefinitionException(markIndex, id, $"text has {full.Length} letters and digits; the limit is {_limits.MaxMarkSymbols}");
        }
        byte[] stem = full.Length > 1 && full[^1] == Symbols.S ? full[..^1] : full;
        bool words = mark.Mode == MarkMode.Word;
        if (mark.Mode is not (MarkMode.Anywhere or MarkMode.Word))
        {
            throw new MarkDefinitionException(markIndex, id, $"unknown mode {mark.Mode}");
        }

        _exactForms.Clear();
        AddForm(markIndex, stem, 0, words);
        AddForm(markIndex, full, 0, words);
        if (mark.Variants is not null)
        {
            foreach (string variant in mark.Variants)
            {
                if (string.IsNullOrWhiteSpace(variant))
                {
                    throw new MarkDefinitionException(markIndex, id, "a variant is empty");
                }
                byte[] symbols = SymbolsOf(variant);
                if (symbols.Length == 0)
                {
                    throw new MarkDefinitionException(markIndex, id, $"variant '{variant}' normalizes to nothing (no letter or digit)");
                }
                if (symbols.Length > _limits.MaxMarkSymbols)
                {
                    throw new MarkDefinitionException(markIndex, id, $"variant '{variant}' has {symbols.Length} letters and digits; the limit is {_limits.MaxMarkSymbols}");
                }
                AddForm(markIndex, symbols, 0, words);
            }
        }

        if (mark.Fuzzy && stem.Length >= MinFuzzySymbols)
        {
            AddFuzzy(markIndex, stem, words);
            if (full.Length != stem.Length)
            {
                // The plural's own one-edit spellings too, so that evidence for a typo'd plural
                // ("Squishmellows") covers the whole word: its stem hit and this one merge.
                AddFuzzy(markIndex, full, words);
            }
        }
    }

    private void AddFuzzy(int markIndex, ReadOnlySpan<byte> stem, bool words)
    {
        int n = stem.Length;
        var edited = new byte[n + 1];
        // Deletions.
        for (int i = 0; i < n; i++)
        {
            stem[..i].CopyTo(edited);
            stem[(i + 1)..].CopyTo(edited.AsSpan(i));
            AddForm(markIndex, edited.AsSpan(0, n - 1), 1, words);
        }
        // Swaps of two neighbours.
        for (int i = 0; i + 1 < n; i++)
        {
            stem.CopyTo(edited);
            (edited[i], edited[i + 1]) = (edited[i + 1], edited[i]);
            AddForm(markIndex, edited.AsSpan(0, n), 1, words);
        }
        for (byte s = 0; s < Symbols.Count; s++)
        {
            // Substitutions.
            for (int i = 0; i < n; i++)
            {
                if (stem[i] == s)
                {
                    continue;
                }
                stem.CopyTo(edited);
                edited[i] = s;
                AddForm(markIndex, edited.AsSpan(0, n), 1, words);
            }
            // Insertions.
            for (int i = 0; i <= n; i++)
            {
                stem[..i].CopyTo(edited);
                edited[i] = s;
                stem[i..].CopyTo(edited.AsSpan(i + 1));
                AddForm(markIndex, edited.AsSpan(0, n + 1), 1, words);
            }
        }
    }

    private void AddForm(int markIndex, ReadOnlySpan<byte> symbols, byte edits, bool words)
    {
        if (symbols.IsEmpty)
        {
            return;
        }
        if (!words)
        {
            AddSpelling(markIndex, symbols, ReadOnlySpan<byte>.Empty, edits, words);
            return;
        }
        Span<byte> suffix = stackalloc byte[3];
        foreach (string s in s_wordSuffixes)
        {
            for (int i = 0; i < s.Length; i++)
            {
                suffix[i] = Symbols.FromRaw[s[i]];
            }
            AddSpelling(markIndex, symbols, suffix[..s.Length], edits, words);
        }
    }

    private void AddSpelling(int markIndex, ReadOnlySpan<byte> symbols, ReadOnlySpan<byte> suffix, byte edits, bool words)
    {
        // Joined, then collapsed (step 6).
        _scratch.Clear();
        int last = -1;
        foreach (byte b in symbols)
        {
            if (b != last)
            {
                _scratch.Append((char)b);
                last = b;
            }
        }
        foreach (byte b in suffix)
        {
            if (b != last)
            {
                _scratch.Append((char)b);
                last = b;
            }
        }
        string spelling = _scratch.ToString();
        if (!words)
        {
            if (edits == 0)
            {
                if (spelling.Length >= 2)
                {
                    _exactForms.Add(spelling);
                }
            }
            else if (HoldsExactForm(spelling))
            {
                // A one-edit spelling that holds one of the mark's own forms ("xsquishmallow", an insertion
                // at either end): wherever it matches, that form matches inside it, and the fuzzy hit,
                // overlapping an exact hit of its mark, is dropped. Not compiled: a tenth fewer states for
                // the registry, and no state for "any letter, then the mark's first letter" near the root,
                // where the scan spends its time.
                return;
            }
        }

        if (!_index.TryGetValue(spelling, out int pattern))
        {
            pattern = _spellings.Count;
            _index.Add(spelling, pattern);
            _spellings.Add(spelling);
            _entries.Add([]);
        }

        List<PatternEntry> entries = _entries[pattern];
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

    private bool HoldsExactForm(string spelling)
    {
        foreach (string form in _exactForms)
        {
            if (spelling.Contains(form, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text's symbols after steps 1-5, separators dropped, repeats kept.</summary>
    public static byte[] SymbolsOf(string text)
    {
        var symbols = new List<byte>(text.Length);
        var reader = new TokenReader(text);
        while (reader.Next(out RawToken token))
        {
            if (!token.IsSeparator)
            {
                symbols.Add(Symbols.FromRaw[token.Raw]);
            }
        }
        return [.. symbols];
    }
}
