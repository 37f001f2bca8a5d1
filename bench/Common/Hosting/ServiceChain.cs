using Platform.TestSupport.Network;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// One platform service and a gateway in front of it, both real processes on free ports and healthy: the chain a
/// benchmark loads, or (with a service setting that answers from memory) the hop chain it measures the chain against.
/// </summary>
public sealed class ServiceChain : IAsyncDisposable
{
    private ServiceChain(ServiceProcess service, ServiceProcess gateway, Uri gatewayUrl)
    {
        Service = service;
        Gateway = gateway;
        GatewayUrl = gatewayUrl;
    }

    public ServiceProcess Service { get; }

    public ServiceProcess Gateway { get; }

    public Uri GatewayUrl { get; }

    /// <param name="service">Its name as the gateway's service discovery and local mode know it (content, ...).</param>
    /// <param name="project">Its folder and assembly under src/ (Content, ...).</param>
    /// <param name="settings">Added to or replacing the service's environment; BENCH_&lt;SERVICE&gt;__ overrides still win.</param>
    public static async Task<ServiceChain> StartAsync(Infrastructure infrastructure, string service, string project,
        IReadOnlyDictionary<string, string>? settings, CancellationToken cancellationToken)
    {
        var ports = ServicePorts.Free();
        var process = await ServiceProcess.StartHealthyAsync(service, RepoLayout.ServiceDll(project),
            ServiceEnvironment.Service(service, infrastructure, ports, settings), ports.HealthUrl, cancellationToken);
        try
        {
            var gatewayPort = FreePorts.One();
            var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
            var gateway = await ServiceProcess.StartHealthyAsync("gateway", RepoLayout.ServiceDll("Gateway"),
                ServiceEnvironment.Gateway(infrastructure, gatewayPort, new Dictionary<string, ServicePorts> { [service] = ports }),
                new Uri(gatewayUrl, "/health"), cancellationToken);
            return new ServiceChain(process, gateway, gatewayUrl);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Logs of both processes, newest lines last.</summary>
    public IReadOnlyList<ServiceLog> Logs(int lastLines) => [Gateway.Log(lastLines), Service.Log(lastLines)];

    /// <summary>The gateway first: it is the service's caller.</summary>
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Service.DisposeAsync();
    }
}
