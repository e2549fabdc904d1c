using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Imaging;

/// <summary>Turns image bytes into what the artwork index stores (for works) or looks up (for listing
/// images). Both sides live here because they must agree on the tricks used for crops and borders.</summary>
public sealed class ImageProber
{
    public ImageProber(PdqHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        Hasher = hasher;
    }

    public PdqHasher Hasher { get; }

    /// <summary>Reference hashes of a registry work image. Throws <see cref="ImageDecodeException"/>.</summary>
    public WorkFingerprint FingerprintWork(ReadOnlySpan<byte> encoded)
    {
        // The 8 dihedral hashes: a listing image that is a rotated or mirrored copy matches its work.
        var hashes = new PdqHash[8];
        using LumaImage luma = LumaDecoder.Decode(encoded, Hasher.Limits);
        int quality = PdqHasher.HashLumaDihedralInPlace(luma.Pixels, luma.Rows, luma.Cols, hashes);
        return new WorkFingerprint(hashes, quality);
    }

    /// <summary>Lookup hashes of a listing image. Throws <see cref="ImageDecodeException"/>.</summary>
    public ImageProbe Probe(ReadOnlySpan<byte> encoded)
    {
        PdqResult plain = Hasher.Hash(encoded);
        return new ImageProbe(plain.Hash, plain.Quality, [plain.Hash]);
    }
}
