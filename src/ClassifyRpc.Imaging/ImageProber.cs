using ClassifyRpc.Imaging.Internal;

namespace ClassifyRpc.Imaging;

/// <summary>Turns image bytes into what the artwork index stores (for works) or looks up (for listing
/// images). Both sides live here because they must agree on the tricks used for crops and borders.</summary>
/// <remarks>
/// Plain PDQ is robust to scaling, compression, colour and small edits, and the dihedral hashes cover
/// quarter turns and mirrors, but a few percent of cropping or padding moves every DCT coefficient and
/// the hash with it. So:
/// <list type="bullet">
/// <item>a work stores the 8 dihedral hashes of itself, of itself without uniform borders, and of a few
/// centred crops (95-80%): a cropped listing image is close to one of them;</item>
/// <item>a listing image looks up its plain hash, its hash without uniform borders (white padding, letter
/// boxes), and the hashes of rectangles pasted into it (a work placed on a photo or a banner).</item>
/// </list>
/// Everything is computed from one decode, on the luma the hasher sees. <see cref="ImageProbe.Hash"/> and
/// <see cref="ImageProbe.Quality"/> stay the plain, reference-compatible PDQ of the image.
/// </remarks>
public sealed class ImageProber
{
    /// <summary>
    /// The version of what <see cref="FingerprintWork"/> computes from given bytes. Fingerprints persist on
    /// disk across restarts (<see cref="WorkHashCache"/>) and are trusted only when this matches: bump it
    /// whenever a change to decoding, PDQ or the work's crops and rotations changes a fingerprint (the test
    /// that pins a known image's fingerprint fails until it is bumped and re-pinned).
    /// </summary>
    public const int WorkFingerprintVersion = 1;

    private readonly ProberOptions _options;

    public ImageProber(PdqHasher hasher)
        : this(hasher, ProberOptions.Default)
    {
    }

    internal ImageProber(PdqHasher hasher, ProberOptions options)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        Hasher = hasher;
        _options = options;
        WorkFingerprintStamp = ComputeStamp(hasher.Limits, options);
    }

    public PdqHasher Hasher { get; }

    /// <summary>
    /// Identifies everything besides the bytes that decides a work's fingerprint: <see cref="WorkFingerprintVersion"/>,
    /// the work-side options and the image limits (an image over a lowered limit must be refused, not served
    /// from a fingerprint computed under the old one). A stored fingerprint with another stamp is stale.
    /// </summary>
    internal ulong WorkFingerprintStamp { get; }

    private static ulong ComputeStamp(ImageLimits limits, ProberOptions options)
    {
        var hash = new System.IO.Hashing.XxHash64();
        byte[] value = new byte[8];
        void Add(long number)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(value, number);
            hash.Append(value);
        }
        void AddFloat(float number) => Add(BitConverter.SingleToInt32Bits(number));

        Add(WorkFingerprintVersion);
        Add(limits.MaxBytes);
        Add(limits.MaxPixels);
        Add(limits.MaxDimension);
        Add(options.TrimBorders ? 1 : 0);
        AddFloat(options.BorderTolerance);
        AddFloat(options.MaxBorderFraction);
        AddFloat(options.MinTrimFraction);
        Add(options.WorkCropScales.Length);
        foreach (float scale in options.WorkCropScales)
        {
            AddFloat(scale);
        }
        Add(options.WorkRotations.Length);
        foreach (float degrees in options.WorkRotations)
        {
            AddFloat(degrees);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    /// <summary>Reference hashes of a registry work image. Throws <see cref="ImageDecodeException"/>.</summary>
    public WorkFingerprint FingerprintWork(ReadOnlySpan<byte> encoded)
    {
        using LumaImage luma = LumaDecoder.Decode(encoded, Hasher.Limits);
        var hashes = new List<PdqHash>(8 * (2 + _options.WorkCropScales.Length + _options.WorkRotations.Length));
        Span<PdqHash> eight = stackalloc PdqHash[8];

        int quality = HashDihedral(luma, eight);
        hashes.AddRange(eight);

        if (_options.TrimBorders && TryTrim(luma, out LumaRect trimmed))
        {
            using LumaImage inner = LumaGeometry.Crop(luma, trimmed);
            HashDihedralInPlace(inner, eight);
            hashes.AddRange(eight);
        }

        foreach (float scale in _options.WorkCropScales)
        {
            using LumaImage crop = LumaGeometry.Crop(luma, LumaRect.Centered(luma.Rows, luma.Cols, scale));
            HashDihedralInPlace(crop, eight);
            hashes.AddRange(eight);
        }

        foreach (float degrees in _options.WorkRotations)
        {
            using LumaImage rotated = LumaGeometry.Rotate(luma, degrees, fill: 255f);
            HashDihedralInPlace(rotated, eight);
            hashes.AddRange(eight);
        }
        return new WorkFingerprint([.. hashes], quality);
    }

    /// <summary>Lookup hashes of a listing image. Throws <see cref="ImageDecodeException"/>.</summary>
    public ImageProbe Probe(ReadOnlySpan<byte> encoded)
    {
        using LumaImage luma = LumaDecoder.Decode(encoded, Hasher.Limits);
        PdqResult plain = PdqHasher.HashLuma(luma.Pixels, luma.Rows, luma.Cols);

        Span<PdqHash> lookups = stackalloc PdqHash[2 + _options.MaxInsets];
        int count = 0;
        lookups[count++] = plain.Hash;

        if (_options.TrimBorders && TryTrim(luma, out LumaRect trimmed))
        {
            lookups[count++] = HashWindow(luma, trimmed);
        }

        if (_options.FindInsets && _options.MaxInsets > 0)
        {
            Span<LumaRect> insets = stackalloc LumaRect[_options.MaxInsets];
            int found = InsetFinder.Find(luma, insets);
            for (int i = 0; i < found; i++)
            {
                lookups[count++] = HashWindow(luma, insets[i]);
            }
        }
        return new ImageProbe(plain.Hash, plain.Quality, lookups[..count].ToArray());
    }

    private bool TryTrim(in LumaImage luma, out LumaRect trimmed)
    {
        trimmed = LumaGeometry.TrimUniformBorders(luma, _options.BorderTolerance, _options.MaxBorderFraction);
        float minimum = _options.MinTrimFraction;
        bool worthIt = trimmed.Width <= luma.Cols * (1 - minimum) || trimmed.Height <= luma.Rows * (1 - minimum);
        return worthIt && trimmed.Width >= PdqCore.MinHashableDimension && trimmed.Height >= PdqCore.MinHashableDimension;
    }

    private static int HashDihedral(in LumaImage luma, Span<PdqHash> eight)
    {
        // The luma is needed again for crops: hash a copy.
        using LumaImage copy = LumaGeometry.Crop(luma, new LumaRect(0, 0, luma.Cols, luma.Rows));
        return HashDihedralInPlace(copy, eight);
    }

    /// <summary>Hashes a temporary image, using its buffer as the filter's first buffer.</summary>
    private static int HashDihedralInPlace(in LumaImage temporary, Span<PdqHash> eight) =>
        PdqHasher.HashLumaDihedralInPlace(temporary.Pixels, temporary.Rows, temporary.Cols, eight);

    private static PdqHash HashWindow(in LumaImage luma, LumaRect window)
    {
        using LumaImage crop = LumaGeometry.Crop(luma, window);
        return PdqHasher.HashLumaInPlace(crop.Pixels, crop.Rows, crop.Cols).Hash;
    }
}
