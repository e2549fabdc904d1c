using ClassifyRpc.Text.Internal;

namespace ClassifyRpc.Text.Tests;

/// <summary>The token reader's direct table for plane 1 against the character table's own lookup.</summary>
public sealed class TokenReaderTests
{
    [Fact]
    public void EverySupplementaryCodePointReadsAsTheCharacterTableSays()
    {
        // Plane 1 (read from pages of the reader's own table) and the first code points past it.
        for (int codePoint = 0x10000; codePoint < 0x20100; codePoint++)
        {
            string text = char.ConvertFromUtf32(codePoint);
            ushort entry = CharTable.Supplementary(codePoint);
            var reader = new TokenReader(text);
            bool read = reader.Next(out RawToken token);
            switch (entry)
            {
                case CharTable.Ignore:
                    Assert.False(read, $"U+{codePoint:X}");
                    break;
                case >= CharTable.ExpansionBase:
                    char first = CharTable.Expansions[entry - CharTable.ExpansionBase][0];
                    Assert.True(read && token.Raw == (first == '_' ? '\0' : first), $"U+{codePoint:X}");
                    break;
                default:
                    // A separator (0) or one raw token; a pair letter's look-ahead finds nothing after it.
                    Assert.True(read && token.Raw == (char)entry && token.Start == 0 && token.End == 2, $"U+{codePoint:X}");
                    break;
            }
        }
    }
}
