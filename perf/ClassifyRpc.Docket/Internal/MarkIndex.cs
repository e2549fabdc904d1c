namespace ClassifyRpc.Docket.Internal;

/// <summary>
/// The readings of every mark named so far (<see cref="Readings.OfMark"/>), kept so that no two marks can be
/// mistaken for each other: a new mark is refused when one of its readings equals, holds or sits inside a reading
/// of an earlier mark, whatever the two marks' modes (a word-mode mark inside another mark's text does no harm to
/// the service, but the listings' labels stay exact only if a planted mark brings no other one with it). The same
/// readings then find marks in generated listing text (<see cref="Find"/>).
/// </summary>
internal sealed class MarkIndex
{
    /// <summary>Shortest stretch of a reading checked for containment: no reading is shorter (marks have 6+ letters,
    /// at most one pair, and a plural s dropped).</summary>
    private const int MinInside = 4;

    private readonly Dictionary<string, int> _readings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>64-bit hashes of every stretch of every reading: a new reading found here sits inside an earlier
    /// mark. Hashes, not strings: 50,000 marks have about two million such stretches.</summary>
    private readonly HashSet<ulong> _inside = [];

    private int _shortest = int.MaxValue;
    private int _longest;

    public MarkIndex()
    {
        _lookup = _readings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Registers the readings of mark <paramref name="ordinal"/>, or returns false (and registers nothing)
    /// when one of them collides with an earlier mark's.</summary>
    public bool TryAdd(int ordinal, List<string> readings)
    {
        foreach (string reading in readings)
        {
            if (reading.Length < MinInside || _inside.Contains(Hash(reading)))
            {
                return false;
            }
            for (int start = 0; start < reading.Length; start++)
            {
                for (int length = MinInside; start + length <= reading.Length; length++)
                {
                    if (_lookup.ContainsKey(reading.AsSpan(start, length)))
                    {
                        return false;
                    }
                }
            }
        }
        foreach (string reading in readings)
        {
            _readings[reading] = ordinal;
            _shortest = Math.Min(_shortest, reading.Length);
            _longest = Math.Max(_longest, reading.Length);
            for (int start = 0; start < reading.Length; start++)
            {
                for (int length = MinInside; start + length <= reading.Length; length++)
                {
                    _inside.Add(Hash(reading.AsSpan(start, length)));
                }
            }
        }
        return true;
    }

    /// <summary>Adds to <paramref name="found"/> the ordinal of every mark one of whose readings occurs in
    /// <paramref name="symbols"/> (a text's <see cref="Readings.OfText"/>), word boundaries ignored: stricter than
    /// the service's word mode, so a text this finds nothing in holds no mark.</summary>
    public void Find(string symbols, HashSet<int> found)
    {
        for (int start = 0; start < symbols.Length; start++)
        {
            for (int length = _shortest; length <= _longest && start + length <= symbols.Length; length++)
            {
                if (_lookup.TryGetValue(symbols.AsSpan(start, length), out int ordinal))
                {
                    found.Add(ordinal);
                }
            }
        }
    }

    private static ulong Hash(ReadOnlySpan<char> text)
    {
        // FNV-1a, then a final mix so that stretches differing in one letter spread over the set.
        ulong hash = 14695981039346656037UL;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        return hash ^ (hash >> 33);
    }
}
