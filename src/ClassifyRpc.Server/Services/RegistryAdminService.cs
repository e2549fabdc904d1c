using ClassifyRpc.Registry;
using ClassifyRpc.Server.Internal;
using ClassifyRpc.V1;
using Grpc.Core;

namespace ClassifyRpc.Server.Services;

/// <summary>classify.v1.RegistryAdmin: what is loaded, and a reload on demand (the folder watcher reloads
/// on change too). A folder that does not load answers FAILED_PRECONDITION and the old snapshot stays.</summary>
internal sealed class RegistryAdminService : RegistryAdmin.RegistryAdminBase
{
    private readonly RegistryHost _registry;

    public RegistryAdminService(RegistryHost registry) => _registry = registry;

    public override Task<RegistryInfo> GetRegistryInfo(GetRegistryInfoRequest request, ServerCallContext context) =>
        Task.FromResult(RegistryInfoMapper.ToInfo(_registry.Current));

    public override Task<RegistryInfo> ReloadRegistry(ReloadRegistryRequest request, ServerCallContext context)
    {
        try
        {
            // Blocks this request's thread while the load runs on a low-priority thread of its own.
            return Task.FromResult(RegistryInfoMapper.ToInfo(_registry.Reload()));
        }
        catch (RegistryLoadException e)
        {
            throw RpcErrors.RegistryDidNotLoad(e, _registry.Current.Version);
        }
    }
}
