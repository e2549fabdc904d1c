using ClassifyRpc.Imaging;
using ClassifyRpc.Registry;

namespace ClassifyRpc.Tests;

/// <summary>The real matching and hashing engines, as the server wires them.</summary>
internal static class Engines
{
    public static ImageProber NewProber() => new(new PdqHasher(ImageLimits.Default));

    public static RegistryLoader NewLoader(TimeProvider clock) => new(new WorkHashCache(NewProber()), clock);
}
