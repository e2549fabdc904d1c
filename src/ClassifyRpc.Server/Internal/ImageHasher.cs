using ClassifyRpc.Imaging;
using ClassifyRpc.V1;

namespace ClassifyRpc.Server.Internal;

/// <summary>HashImages for one image: a per-image answer, an error naming the image rather than failing
/// the whole request.</summary>
internal static class ImageHasher
{
    public static ImageHash Hash(ImageHashCache cache, Image image, int index)
    {
        var hash = new ImageHash { ImageId = image.ImageId };
        switch (image.SourceCase)
        {
            case Image.SourceOneofCase.Content:
                try
                {
                    var result = cache.GetOrHash(image.Content.Span);
                    hash.PdqHex = result.Hash.ToHex();
                    hash.Quality = result.Quality;
                }
                catch (ImageDecodeException e)
                {
                    hash.Error = $"images[{index}].content: {e.Message}";
                }
                break;
            case Image.SourceOneofCase.PdqHex:
                // Already hashed: validated and echoed in canonical form, with the quality the caller gave.
                if (PdqHash.TryParseHex(image.PdqHex, out var parsed))
                {
                    hash.PdqHex = parsed.ToHex();
                    hash.Quality = image.Quality;
                }
                else
                {
                    hash.Error = $"images[{index}].pdq_hex: expected 64 hex digits";
                }
                break;
            default:
                hash.Error = $"images[{index}]: has neither content nor pdq_hex";
                break;
        }
        return hash;
    }
}
