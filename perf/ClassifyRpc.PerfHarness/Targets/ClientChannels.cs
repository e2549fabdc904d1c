using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>
/// Client channels, configured so the client is not what limits a run: one GrpcChannel per stream or worker group,
/// reused for the whole scenario, HTTP/2 multiple connections on (so more than MaxStreamsPerConnection concurrent
/// calls open a second connection instead of queueing), an 8 MiB stream window like the server's (a DecisionBatch of
/// 10,000 is several hundred kilobytes) and no message size caps on the client side.
/// </summary>
internal static class ClientChannels
{
    public static GrpcChannel Create(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            InitialHttp2StreamWindowSize = 8 * 1024 * 1024,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            // The harness counts failures itself; a retry would hide them.
            MaxRetryAttempts = 0,
        });
    }
}
