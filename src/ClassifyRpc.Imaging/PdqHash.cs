using System.Numerics;

namespace ClassifyRpc.Imaging;

/// <summary>A 256-bit PDQ hash as four 64-bit words, in the reference hasher's hex order.</summary>
public readonly struct PdqHash : IEquatable<PdqHash>
{
    public readonly ulong W0;
    public readonly ulong W1;
    public readonly ulong W2;
    public readonly ulong W3;

    public PdqHash(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        W0 = w0;
        W1 = w1;
        W2 = w2;
        W3 = w3;
    }

    /// <summary>Hamming distance (0-256).</summary>
    public static int Distance(in PdqHash a, in PdqHash b) =>
        BitOperations.PopCount(a.W0 ^ b.W0) + BitOperations.PopCount(a.W1 ^ b.W1)
        + BitOperations.PopCount(a.W2 ^ b.W2) + BitOperations.PopCount(a.W3 ^ b.W3);

    /// <summary>The number of hex digits in a printed hash.</summary>
    public const int HexLength = 64;

    /// <summary>
    /// Parses 64 hex digits (either case) as the reference hasher prints them. Anything else (another
    /// length, a sign, spaces, a <c>0x</c> prefix) is refused: a hash is an identifier, not a number.
    /// </summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out PdqHash hash)
    {
        if (hex.Length != HexLength
            || !TryParseWord(hex[..16], out ulong w0)
            || !TryParseWord(hex.Slice(16, 16), out ulong w1)
            || !TryParseWord(hex.Slice(32, 16), out ulong w2)
            || !TryParseWord(hex.Slice(48, 16), out ulong w3))
        {
            hash = default;
            return false;
        }
        hash = new PdqHash(w0, w1, w2, w3);
        return true;
    }

    /// <summary>64 lower-case hex digits as the reference hasher prints them.</summary>
    public string ToHex() => string.Create(HexLength, this, static (chars, hash) => hash.FormatHex(chars));

    /// <summary>Writes the 64 hex digits into <paramref name="destination"/> (at least 64 chars), without allocating.</summary>
    public void FormatHex(Span<char> destination)
    {
        if (destination.Length < HexLength)
        {
            throw new ArgumentException($"A PDQ hash needs {HexLength} characters.", nameof(destination));
        }
        WriteWord(W0, destination[..16]);
        WriteWord(W1, destination.Slice(16, 16));
        WriteWord(W2, destination.Slice(32, 16));
        WriteWord(W3, destination.Slice(48, 16));
    }

    /// <summary>
    /// Bit <paramref name="index"/> (0-255) in the reference's numbering: bit i*16+j is DCT coefficient
    /// (i, j) above the median; bit 255 is the first hex digit's high bit.
    /// </summary>
    public bool GetBit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, 255u, nameof(index));
        ulong word = (index >> 6) switch { 0 => W3, 1 => W2, 2 => W1, _ => W0 };
        return ((word >> (index & 63)) & 1) != 0;
    }

    private static bool TryParseWord(ReadOnlySpan<char> digits, out ulong word)
    {
        word = 0;
        foreach (char c in digits)
        {
            int nibble = HexConverter(c);
            if (nibble < 0)
            {
                return false;
            }
            word = (word << 4) | (uint)nibble;
        }
        return true;
    }

    private static int HexConverter(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static void WriteWord(ulong word, Span<char> destination)
    {
        for (int i = 15; i >= 0; i--)
        {
            destination[i] = "0123456789abcdef"[(int)(word & 0xF)];
            word >>= 4;
        }
    }

    public bool Equals(PdqHash other) => W0 == other.W0 && W1 == other.W1 && W2 == other.W2 && W3 == other.W3;

    public override bool Equals(object? obj) => obj is PdqHash other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(W0, W1, W2, W3);

    public override string ToString() => ToHex();

    public static bool operator ==(PdqHash left, PdqHash right) => left.Equals(right);

    public static bool operator !=(PdqHash left, PdqHash right) => !left.Equals(right);
}
