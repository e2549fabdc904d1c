using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ClassifyRpc.PerfHarness.Echo;

/// <summary>
/// The echo's Kestrel/HTTP2 and gRPC limits. They must equal the real server's defaults (ClassifyRpcOptions in
/// src/ClassifyRpc.Server: 1,000 streams per connection, 16 MiB connection window, 8 MiB stream window, 64 MiB
/// messages, keep-alive pings), or a ratio would measure transport tuning rather than classification. The JSON
/// records them so a drift is visible.
/// </summary>
internal static class EchoTransportSettings
{
    public const int MaxStreamsPerConnection = 1_000;

    public const int InitialConnectionWindowSize = 16 * 1024 * 1024;

    public const int InitialStreamWindowSize = 8 * 1024 * 1024;

    public const int MaxMessageSize = 64 * 1024 * 1024;

    public static void Apply(KestrelServerLimits limits)
    {
        limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        limits.Http2.InitialConnectionWindowSize = InitialConnectionWindowSize;
        limits.Http2.InitialStreamWindowSize = InitialStreamWindowSize;
        limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(30);
        limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(20);
    }

    public static Dictionary<string, int> Describe() => new(StringComparer.Ordinal)
    {
        ["http2_max_streams_per_connection"] = MaxStreamsPerConnection,
        ["http2_initial_connection_window_size"] = InitialConnectionWindowSize,
        ["http2_initial_stream_window_size"] = InitialStreamWindowSize,
        ["grpc_max_message_size"] = MaxMessageSize,
    };
}
