using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClassifyRpc.Tests;
using ClassifyRpc.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ClassifyRpc.Server.Tests;

/// <summary>TLS is configuration only: a Kestrel:Endpoints entry with a certificate, nothing in code.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task AConfiguredCertificateEndpointServesGrpcOverTls()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(Path.GetTempPath(), $"classifyrpc-tls-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test"));
        try
        {
            var app = ClassifyRpcServer.Build(
            [
                "--registry", RepoPaths.DefaultRegistry,
                "--Kestrel:Endpoints:Tls:Url=https://127.0.0.1:0",
                $"--Kestrel:Endpoints:Tls:Certificate:Path={pfx}",
                "--Kestrel:Endpoints:Tls:Certificate:Password=test",
            ]);
            await using (app)
            {
                await app.StartAsync();
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
                Assert.StartsWith("https://", address, StringComparison.Ordinal);

                using var handler = new HttpClientHandler
                {
                    // Trust exactly the certificate the test made, nothing else.
                    ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert is not null && cert.Thumbprint == certificate.Thumbprint,
                };
                using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
                var info = await new RegistryAdmin.RegistryAdminClient(channel).GetRegistryInfoAsync(new GetRegistryInfoRequest());
                Assert.Equal(3, info.Cases);
                await app.StopAsync();
            }
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
