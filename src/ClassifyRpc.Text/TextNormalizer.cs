namespace ClassifyRpc.Text;

/// <summary>The design's normalization (NFKC, diacritics, confusables, classes, separators, repeats).</summary>
public static class TextNormalizer
{
    /// <summary>
    /// The normalized symbols of <paramref name="text"/> with word boundaries shown as single spaces
    /// (for tests, diagnostics and building patterns; the scan itself never materializes this).
    /// </summary>
    public static string Normalize(ReadOnlySpan<char> text) => throw new NotImplementedException();
}
