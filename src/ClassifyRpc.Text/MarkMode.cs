namespace ClassifyRpc.Text;

/// <summary>How a mark matches listing text (DESIGN "Text: normalization and matching").</summary>
public enum MarkMode
{
    /// <summary>The mark's normalized form matches inside any text.</summary>
    Anywhere = 0,

    /// <summary>The mark matches a run of consecutive whole words (with the allowed suffixes).</summary>
    Word = 1,
}
