using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>Waits for grpc.health.v1 to answer SERVING for the whole server (service name "").</summary>
internal static class HealthProbe
{
    public static async Task WaitForServingAsync(GrpcChannel channel, TimeSpan timeout, Func<string?> whyNot, CancellationToken cancellationToken)
    {
        var client = new Health.HealthClient(channel);
        DateTime giveUp = DateTime.UtcNow + timeout;
        string last = "no answer yet";
        while (true)
        {
            string? dead = whyNot();
            if (dead is not null)
            {
                throw new InvalidOperationException(dead);
            }
            try
            {
                HealthCheckResponse response = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (response.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
                last = response.Status.ToString();
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                last = $"{e.StatusCode}: {e.Status.Detail}";
            }
            if (DateTime.UtcNow >= giveUp)
            {
                throw new TimeoutException($"health did not report SERVING within {timeout.TotalSeconds:0} s (last: {last})");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}
