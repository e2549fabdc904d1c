namespace ClassifyRpc.Imaging;

/// <summary>
/// A bounded cache of PDQ results keyed by a content hash of the encoded bytes (XxHash128), so the
/// same image sent again (HashImages, listing images) skips decoding and hashing. Thread-safe.
/// </summary>
public sealed class ImageHashCache
{
    public ImageHashCache(PdqHasher hasher, int capacity)
    {
        Hasher = hasher;
        Capacity = capacity;
    }

    public PdqHasher Hasher { get; }

    public int Capacity { get; }

    /// <summary>The cached result for these bytes, hashing them on a miss. Throws <see cref="ImageDecodeException"/>.</summary>
    public PdqResult GetOrHash(ReadOnlySpan<byte> encoded) => throw new NotImplementedException();
}
