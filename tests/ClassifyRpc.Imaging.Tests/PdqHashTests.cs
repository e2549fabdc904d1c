using Xunit;

namespace ClassifyRpc.Imaging.Tests;

public sealed class PdqHashTests
{
    [Fact]
    public void Hex_RoundTrips()
    {
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            var hash = new PdqHash((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64() ^ (1UL << 63));
            string hex = hash.ToHex();
            Assert.Equal(64, hex.Length);
            Assert.Equal(hex.ToLowerInvariant(), hex);
            Assert.True(PdqHash.TryParseHex(hex, out PdqHash parsed));
            Assert.Equal(hash, parsed);
            Assert.True(PdqHash.TryParseHex(hex.ToUpperInvariant(), out parsed));
            Assert.Equal(hash, parsed);
        }
    }

    [Fact]
    public void Hex_IsTheReferenceWordOrder()
    {
        // The reference prints its 16-bit words from w[15] down to w[0]; bit k lives in w[k / 16].
        Assert.True(PdqHash.TryParseHex("8000" + new string('0', 59) + "1", out PdqHash hash));
        Assert.True(hash.GetBit(255));
        Assert.True(hash.GetBit(0));
        Assert.Equal(2, PdqHash.Distance(hash, default));
        Assert.Equal(1UL << 63, hash.W0);
        Assert.Equal(1UL, hash.W3);
        for (int k = 1; k < 255; k++)
        {
            Assert.False(hash.GetBit(k));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b2")]
    [InlineData("d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b222")]
    [InlineData("g8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData("0xf8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData(" 8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    [InlineData("-8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22")]
    public void TryParseHex_RejectsMalformed(string text)
    {
        Assert.False(PdqHash.TryParseHex(text, out PdqHash hash));
        Assert.Equal(default, hash);
    }

    [Fact]
    public void Distance_CountsDifferingBits()
    {
        var a = new PdqHash(0, 0, 0, 0);
        var b = new PdqHash(ulong.MaxValue, 0b1011, 1UL << 40, 0);
        Assert.Equal(0, PdqHash.Distance(a, a));
        Assert.Equal(64 + 3 + 1, PdqHash.Distance(a, b));
        Assert.Equal(PdqHash.Distance(a, b), PdqHash.Distance(b, a));
        Assert.Equal(256, PdqHash.Distance(a, new PdqHash(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue)));
    }

    [Fact]
    public void FormatHex_RejectsShortDestination()
    {
        Assert.Throws<ArgumentException>(() => default(PdqHash).FormatHex(new char[63]));
    }
}
