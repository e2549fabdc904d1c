using ClassifyRpc.Registry;
using ClassifyRpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ClassifyRpc.Server.Internal;

internal static class RegistryInfoMapper
{
    public static RegistryInfo ToInfo(RegistrySnapshot snapshot) => new()
    {
        Version = snapshot.Version,
        LoadedAt = Timestamp.FromDateTimeOffset(snapshot.LoadedAt),
        Cases = snapshot.Cases.Count,
        Marks = snapshot.Marks.Count,
        Patterns = snapshot.Automaton.PatternCount,
        Works = snapshot.Works.Count,
        ImageHashes = snapshot.Artwork.HashCount,
        Defendants = snapshot.DefendantCount,
        Notices = snapshot.NoticeCount,
        Source = snapshot.Source,
    };
}
