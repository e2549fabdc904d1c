using ClassifyRpc.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ClassifyRpc.PerfHarness.Targets;

/// <summary>What a server has loaded (classify.v1.RegistryAdmin/GetRegistryInfo), as the JSON records it.</summary>
internal static class RegistryInfoReader
{
    public static async Task<RegistryInfo> ReadAsync(GrpcChannel channel, CancellationToken cancellationToken) =>
        await new RegistryAdmin.RegistryAdminClient(channel)
            .GetRegistryInfoAsync(new GetRegistryInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The registry's counts for the report; the error's text if the server would not say.</summary>
    public static async Task<Dictionary<string, object?>> DescribeAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            return Describe(await ReadAsync(channel, cancellationToken).ConfigureAwait(false));
        }
        catch (RpcException e)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = $"{e.StatusCode}: {e.Status.Detail}" };
        }
    }

    public static Dictionary<string, object?> Describe(RegistryInfo info) => new(StringComparer.Ordinal)
    {
        ["version"] = info.Version,
        ["source"] = info.Source,
        ["cases"] = info.Cases,
        ["marks"] = info.Marks,
        ["patterns"] = info.Patterns,
        ["works"] = info.Works,
        ["image_hashes"] = info.ImageHashes,
        ["defendants"] = info.Defendants,
        ["notices"] = info.Notices,
    };
}
