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

    /// <summary>Parses 64 hex digits as the reference hasher prints them.</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out PdqHash hash) => throw new NotImplementedException();

    /// <summary>64 lower-case hex digits as the reference hasher prints them.</summary>
    public string ToHex() => throw new NotImplementedException();

    public bool Equals(PdqHash other) => W0 == other.W0 && W1 == other.W1 && W2 == other.W2 && W3 == other.W3;

    public override bool Equals(object? obj) => obj is PdqHash other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(W0, W1, W2, W3);

    public override string ToString() => ToHex();

    public static bool operator ==(PdqHash left, PdqHash right) => left.Equals(right);

    public static bool operator !=(PdqHash left, PdqHash right) => !left.Equals(right);
}
