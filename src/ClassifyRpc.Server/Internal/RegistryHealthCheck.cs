using ClassifyRpc.Registry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClassifyRpc.Server.Internal;

/// <summary>grpc.health.v1 reports SERVING once a registry snapshot is loaded. The host refuses to start
/// without one and a failed reload keeps the old one, so this is the invariant made visible.</summary>
internal sealed class RegistryHealthCheck : IHealthCheck
{
    private readonly RegistryHost _host;

    public RegistryHealthCheck(RegistryHost host) => _host = host;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = _host.Current;
        return Task.FromResult(snapshot is null
            ? HealthCheckResult.Unhealthy("no registry loaded")
            : HealthCheckResult.Healthy($"registry version {snapshot.Version}"));
    }
}
