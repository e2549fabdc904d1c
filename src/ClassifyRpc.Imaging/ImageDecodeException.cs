namespace ClassifyRpc.Imaging;

/// <summary>An image that could not be hashed; the message says why in words a caller can act on.</summary>
public sealed class ImageDecodeException : Exception
{
    public ImageDecodeException(ImageErrorKind kind, string message)
        : base(message) => Kind = kind;

    public ImageErrorKind Kind { get; }
}
