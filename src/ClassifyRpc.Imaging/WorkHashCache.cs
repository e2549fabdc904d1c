namespace ClassifyRpc.Imaging;

/// <summary>
/// Fingerprints of work images keyed by a content hash of their bytes (XxHash128), so a registry reload
/// does not hash unchanged files again. Thread-safe.
/// </summary>
public sealed class WorkHashCache
{
    public WorkHashCache(ImageProber prober) => Prober = prober;

    public ImageProber Prober { get; }

    /// <summary>The cached fingerprint of these bytes, computing it on a miss. Throws <see cref="ImageDecodeException"/>.</summary>
    public WorkFingerprint GetOrCompute(ReadOnlySpan<byte> encoded) => throw new NotImplementedException();
}
