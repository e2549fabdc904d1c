namespace ClassifyRpc.Imaging.Internal;

/// <summary>
/// Walks a JPEG's marker segments to tell whether the file reaches its end-of-image marker.
/// </summary>
/// <remarks>
/// libjpeg treats a file that ends early as a warning: it pads the missing data and the codec reports
/// success, for progressive JPEGs even through a full decode. A truncated upload must be an error for
/// that image, not a hash of half a picture, so we check the structure ourselves: segments are skipped by
/// their length (an EXIF thumbnail's own EOI inside APP1 is not mistaken for ours), entropy-coded data is
/// skipped to the next real marker (0xFF00 is a stuffed byte, 0xFFD0-D7 restart markers).
/// </remarks>
internal static class JpegStructure
{
    private const byte Marker = 0xFF;
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;
    private const byte StartOfScan = 0xDA;

    public static bool ReachesEndOfImage(ReadOnlySpan<byte> b)
    {
        if (b.Length < 4 || b[0] != Marker || b[1] != StartOfImage)
        {
            return false;
        }
        int i = 2;
        while (true)
        {
            // Next marker: libjpeg skips stray bytes between segments, and so do we.
            int next = b[i..].IndexOf(Marker);
            if (next < 0)
            {
                return false;
            }
            i += next + 1;
            while (i < b.Length && b[i] == Marker)
            {
                i++; // fill bytes
            }
            if (i >= b.Length)
            {
                return false;
            }
            byte marker = b[i++];
            if (marker == EndOfImage)
            {
                return true;
            }
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            {
                continue; // no length: stuffed byte, TEM, restart
            }
            if (i + 2 > b.Length)
            {
                return false;
            }
            int length = (b[i] << 8) | b[i + 1];
            if (length < 2)
            {
                return false;
            }
            i += length;
            if (i > b.Length)
            {
                return false;
            }
            if (marker == StartOfScan && !SkipEntropyCodedData(b, ref i))
            {
                return false;
            }
        }
    }

    /// <summary>Moves <paramref name="i"/> to the 0xFF of the first marker after a scan's data.</summary>
    private static bool SkipEntropyCodedData(ReadOnlySpan<byte> b, ref int i)
    {
        while (true)
        {
            int next = b[i..].IndexOf(Marker);
            if (next < 0)
            {
                return false;
            }
            i += next;
            int after = i + 1;
            while (after < b.Length && b[after] == Marker)
            {
                after++;
            }
            if (after >= b.Length)
            {
                return false;
            }
            byte code = b[after];
            if (code != 0x00 && (code < 0xD0 || code > 0xD7))
            {
                i = after - 1; // the last 0xFF before the marker code
                return true;
            }
            i = after + 1;
        }
    }
}
