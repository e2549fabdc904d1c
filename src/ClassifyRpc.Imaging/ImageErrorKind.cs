namespace ClassifyRpc.Imaging;

public enum ImageErrorKind
{
    /// <summary>Zero bytes.</summary>
    Empty,
    /// <summary>More bytes than <see cref="ImageLimits.MaxBytes"/>.</summary>
    TooManyBytes,
    /// <summary>Declared dimensions over <see cref="ImageLimits.MaxPixels"/> or <see cref="ImageLimits.MaxDimension"/>.</summary>
    TooManyPixels,
    /// <summary>Not an image format the decoder knows.</summary>
    NotAnImage,
    /// <summary>A known format whose data is truncated or corrupt.</summary>
    Corrupt,
}
