using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ClassifyRpc.PerfHarness.Echo;

/// <summary>
/// The echo's Kestrel/HTTP2 and gRPC limits. They must equal the real server's (src/ClassifyRpc.Server), or a ratio
/// would measure transport tuning rather than classification; the JSON records them so a drift is visible.
/// </summary>
internal static class EchoTransportSettings
{
    public const int MaxStreamsPerConnection = 100;

    public const int InitialConnectionWindowSize = 1024 * 1024;

    public const int InitialStreamWindowSize = 768 * 1024;

    public const int MaxReceiveMessageSize = 4 * 1024 * 1024;

    public static void Apply(KestrelServerLimits limits)
    {
        limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        limits.Http2.InitialConnectionWindowSize = InitialConnectionWindowSize;
        limits.Http2.InitialStreamWindowSize = InitialStreamWindowSize;
    }

    public static Dictionary<string, int> Describe() => new(StringComparer.Ordinal)
    {
        ["http2_max_streams_per_connection"] = MaxStreamsPerConnection,
        ["http2_initial_connection_window_size"] = InitialConnectionWindowSize,
        ["http2_initial_stream_window_size"] = InitialStreamWindowSize,
        ["grpc_max_receive_message_size"] = MaxReceiveMessageSize,
    };
}
