using System.Buffers.Binary;
using ClassifyRpc.Tests;
using SkiaSharp;
using Xunit;

namespace ClassifyRpc.Imaging.Tests;

/// <summary>
/// Formats beyond plain RGB. Fixtures/ holds a CMYK JPEG made from a registry work (ImageMagick
/// <c>convert cam-the-cat.png -resize 256x256 -colorspace CMYK -quality 92 cmyk.jpg</c>) and the same
/// made in RGB (<c>rgb.jpg</c>); the EXIF test builds its own file.
/// </summary>
public sealed class FormatTests
{
    private static readonly PdqHasher s_hasher = new(ImageLimits.Default);

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void CmykJpeg_DecodesToTheSamePicture()
    {
        byte[] cmyk = Fixture("cmyk.jpg");
        using (SKCodec codec = SKCodec.Create(new SKMemoryStream(SKData.CreateCopy(cmyk))))
        {
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        }
        PdqResult fromCmyk = s_hasher.Hash(cmyk);
        PdqResult fromRgb = s_hasher.Hash(Fixture("rgb.jpg"));
        Assert.True(fromCmyk.Quality >= 50, $"quality {fromCmyk.Quality}");
        // Same picture through another colour model: a match at the design's block distance.
        Assert.InRange(PdqHash.Distance(fromCmyk.Hash, fromRgb.Hash), 0, 31);
    }

    [Fact]
    public void ExifOrientation_IsIgnoredAndTheDihedralsMatchTheDisplayedImage()
    {
        // Insert an EXIF APP1 "orientation 6 (rotate 90 clockwise to display)" into an existing JPEG:
        // the stored pixels are unchanged, so the hash must be too, as with the reference.
        byte[] plain = Fixture("rgb.jpg");
        byte[] tagged = WithExifOrientation(plain, 6);
        using (SKCodec codec = SKCodec.Create(new SKMemoryStream(SKData.CreateCopy(tagged))))
        {
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin);
        }
        Assert.Equal(s_hasher.Hash(plain), s_hasher.Hash(tagged));

        // A viewer shows it rotated; a listing that uploads the displayed (rotated) pixels still finds
        // the work through its rotate90 dihedral hash.
        byte[] displayed = Rotate90Clockwise(plain);
        var prober = new ImageProber(s_hasher);
        ArtworkCatalog catalog = ArtworkCatalog.Build([(0, prober.FingerprintWork(tagged))]);
        var hits = new List<ArtworkHit>();
        catalog.FindWithin(prober.Probe(displayed), 31, hits);
        Assert.Single(hits);
    }

    [Fact]
    public void ReferenceGreyAndPalettePngs_HashLikeTheJpegTheyCameFrom()
    {
        // misc/L.png (8-bit grey) and misc/P.png (palette) are the bridge photo; the reference prints the
        // same hash for them as for the JPEG, and so must we (exact: PNG is lossless).
        PdqHash jpeg = s_hasher.Hash(File.ReadAllBytes(RepoPaths.Data("pdq-reference", "dih", "bridge-1-original.jpg"))).Hash;
        Assert.Equal(jpeg, s_hasher.Hash(File.ReadAllBytes(RepoPaths.Data("pdq-reference", "misc", "L.png"))).Hash);
        Assert.Equal(jpeg, s_hasher.Hash(File.ReadAllBytes(RepoPaths.Data("pdq-reference", "misc", "P.png"))).Hash);
    }

    private static byte[] Rotate90Clockwise(byte[] jpeg)
    {
        using SKBitmap decoded = SKBitmap.Decode(jpeg);
        using SKBitmap source = decoded.Copy(SKColorType.Rgba8888);
        int w = source.Width, h = source.Height;
        return TestImages.Png(h, w, (x, y) =>
        {
            // Displayed (x, y) shows stored (y, h - 1 - x) after a clockwise quarter turn.
            uint p = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(source.GetPixelSpan())[(h - 1 - x) * w + y];
            return ((byte)p, (byte)(p >> 8), (byte)(p >> 16), 255);
        });
    }

    /// <summary>Splices a minimal big-endian EXIF segment (one IFD entry: Orientation) after SOI.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);          // first IFD offset
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);          // one entry
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);    // Orientation
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);         // SHORT
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);         // count
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), orientation);
        byte[] payload = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
