using System.Text;
using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text;

/// <summary>The design's normalization (NFKC, diacritics, confusables, classes, separators, repeats).</summary>
public static class TextNormalizer
{
    /// <summary>
    /// The normalized symbols of <paramref name="text"/> with word boundaries shown as single spaces
    /// (for tests, diagnostics and building patterns; the scan itself never materializes this).
    /// Repeats collapse across boundaries, so a space is shown only between two printed symbols: a
    /// symbol that merged into the previous word's last run prints nothing ("snug gle" gives "snug ie").
    /// </summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var reader = new TokenReader(text);
        int last = -1;
        bool boundary = false;
        while (reader.Next(out RawToken token))
        {
            if (token.IsSeparator)
            {
                boundary = true;
                continue;
            }
            int symbol = Symbols.FromRaw[token.Raw];
            if (symbol == last)
            {
                continue;
            }
            if (boundary && builder.Length > 0)
            {
                builder.Append(' ');
            }
            boundary = false;
            builder.Append(Symbols.Printed[symbol]);
            last = symbol;
        }
        return builder.ToString();
    }
}
