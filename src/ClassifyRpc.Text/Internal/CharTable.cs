using System.Globalization;

namespace ClassifyRpc.Text.Internal;

/// <summary>
/// Steps 1-3 of the normalization (NFKC, diacritics and format characters dropped, look-alikes mapped,
/// lower-cased) precomputed for every code point from the generated <see cref="CharData"/>, so a scan
/// makes no Unicode calls: one table entry per BMP code unit, a binary search only for the rare
/// supplementary code point.
/// </summary>
internal static class CharTable
{
    /// <summary>Not a symbol: a word boundary.</summary>
    public const ushort Separator = 0;

    /// <summary>Ignored entirely (combining marks, format characters, variation selectors).</summary>
    public const ushort Ignore = 1;

    /// <summary>A high surrogate: the code point needs the following code unit.</summary>
    public const ushort HighSurrogate = 2;

    /// <summary>A low surrogate met on its own (lone): a separator.</summary>
    public const ushort LowSurrogate = 3;

    /// <summary>Entries at or above this index <see cref="Expansions"/> (several raw tokens).</summary>
    public const ushort ExpansionBase = 0x100;

    /// <summary>Any other entry is the single raw token itself: one of [a-z0-9!|$@] (all &gt; 0x20).</summary>
    public static readonly ushort[] Bmp;

    /// <summary>Raw token strings of code points that become several tokens; '_' is a separator.</summary>
    public static readonly string[] Expansions;

    private static readonly int[] s_supplementaryFirst;
    private static readonly int[] s_supplementaryLast;
    private static readonly ushort[] s_supplementaryValue;

    static CharTable()
    {
        var bmp = new ushort[0x10000];
        for (int c = 0xD800; c <= 0xDBFF; c++)
        {
            bmp[c] = HighSurrogate;
        }
        for (int c = 0xDC00; c <= 0xDFFF; c++)
        {
            bmp[c] = LowSurrogate;
        }

        var expansions = new List<string>();
        var expansionIndex = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var first = new List<int>();
        var last = new List<int>();
        var values = new List<ushort>();

        ReadOnlySpan<char> records = CharData.Records;
        while (!records.IsEmpty)
        {
            int comma = records.IndexOf(',');
            ReadOnlySpan<char> record = comma < 0 ? records : records[..comma];
            records = comma < 0 ? default : records[(comma + 1)..];

            int colon = record.IndexOf(':');
            ReadOnlySpan<char> key = record[..colon];
            string value = record[(colon + 1)..].ToString();
            int dash = key.IndexOf('-');
            int lo = int.Parse(dash < 0 ? key : key[..dash], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            int hi = dash < 0 ? lo : int.Parse(key[(dash + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

            ushort entry;
            if (value.Length == 0)
            {
                entry = Ignore;
            }
            else if (value.Length == 1 && value[0] != '_')
            {
                entry = value[0];
            }
            else
            {
                if (!expansionIndex.TryGetValue(value, out entry))
                {
                    entry = checked((ushort)(ExpansionBase + expansions.Count));
                    expansionIndex.Add(value, entry);
                    expansions.Add(value);
                }
            }

            if (hi <= 0xFFFF)
            {
                bmp.AsSpan(lo, hi - lo + 1).Fill(entry);
            }
            else
            {
                first.Add(lo);
                last.Add(hi);
                values.Add(entry);
            }
        }

        Bmp = bmp;
        Expansions = [.. expansions];
        s_supplementaryFirst = [.. first];
        s_supplementaryLast = [.. last];
        s_supplementaryValue = [.. values];
    }

    /// <summary>The entry of a supplementary code point (U+10000 and above).</summary>
    public static ushort Supplementary(int codePoint)
    {
        int index = Array.BinarySearch(s_supplementaryFirst, codePoint);
        if (index < 0)
        {
            index = ~index - 1;
        }
        return index >= 0 && codePoint <= s_supplementaryLast[index] ? s_supplementaryValue[index] : Separator;
    }

    /// <summary>Bytes held by the tables (reported in <see cref="MarkAutomaton.MemoryBytes"/> only once, here).</summary>
    public static long MemoryBytes => (long)Bmp.Length * sizeof(ushort) + s_supplementaryFirst.Length * 10L;
}
