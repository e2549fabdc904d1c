using System.Diagnostics.CodeAnalysis;

namespace ClassifyRpc.Imaging.Internal;

/// <summary>Throw helpers, kept off the hot paths so those stay small and inlinable.</summary>
internal static class ImageErrors
{
    [DoesNotReturn]
    public static void Throw(ImageErrorKind kind, string message) => throw new ImageDecodeException(kind, message);

    [DoesNotReturn]
    public static void Empty() => Throw(ImageErrorKind.Empty, "The image is empty (0 bytes).");

    [DoesNotReturn]
    public static void TooManyBytes(int length, int max) =>
        Throw(ImageErrorKind.TooManyBytes, $"The image is {length} bytes; the limit is {max} bytes.");

    [DoesNotReturn]
    public static void TooManyPixels(int width, int height, ImageLimits limits) =>
        Throw(ImageErrorKind.TooManyPixels,
            $"The image declares {width}x{height} pixels; the limits are {limits.MaxDimension} pixels a side and {limits.MaxPixels} pixels in all.");

    [DoesNotReturn]
    public static void NotAnImage() =>
        Throw(ImageErrorKind.NotAnImage, "The bytes are not an image in a supported format (PNG, JPEG, GIF, WebP, BMP, ICO, WBMP).");

    [DoesNotReturn]
    public static void Corrupt(string format, string what) =>
        Throw(ImageErrorKind.Corrupt, $"The {format} image is truncated or corrupt: {what}.");
}
