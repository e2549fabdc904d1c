using Google.Protobuf;

namespace ClassifyRpc.PerfHarness.Workload;

/// <summary>One PNG/JPEG of tests/data/images-public, read once; the ByteString is shared by every listing that carries it.</summary>
internal sealed record ImageFile(string Name, ByteString Content);
