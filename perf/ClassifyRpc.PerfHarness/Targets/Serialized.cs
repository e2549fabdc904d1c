using Google.Protobuf;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// A request serialized once, before timing. The wire bytes are exactly what the generated client would send for
/// <see cref="Message"/>; sending them as they are takes protobuf encoding of large batches off the shared cores, so
/// the client leaves more of the machine to the server it measures (service and echo alike).
/// </summary>
internal sealed class Serialized<T>
    where T : IMessage<T>
{
    public Serialized(T message)
    {
        Message = message;
        Bytes = message.ToByteArray();
    }

    public T Message { get; }

    public byte[] Bytes { get; }
}
