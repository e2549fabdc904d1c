using System.Text;

namespace ClassifyRpc.Text.Tests;

/// <summary>Texts made of pieces drawn at random: the differential tests' generator.</summary>
internal static class RandomText
{
    /// <summary>Between 1 and <paramref name="maxPieces"/> pieces of <paramref name="pieces"/>, drawn with
    /// <paramref name="random"/> and joined as they are.</summary>
    public static string Of(Random random, string[] pieces, int maxPieces)
    {
        var text = new StringBuilder();
        int count = random.Next(1, maxPieces + 1);
        for (int p = 0; p < count; p++)
        {
            text.Append(pieces[random.Next(pieces.Length)]);
        }
        return text.ToString();
    }
}
