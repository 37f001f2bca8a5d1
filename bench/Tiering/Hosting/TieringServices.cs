using Platform.Bench.Common.Hosting;
using Platform.TestSupport.Network;

namespace Platform.Bench.Tiering.Hosting;

/// <summary>
/// Tiering and the Gateway as real processes on free ports, healthy, and an operator token. Tiering
/// can be restarted with other settings between phases (the gateway keeps its address).
/// </summary>
public sealed class TieringServices : IAsyncDisposable
{
    private readonly Infrastructure infrastructure;
    private readonly ServicePorts tieringPorts;

    private TieringServices(Infrastructure infrastructure, ServicePorts tieringPorts, ServiceProcess tiering, ServiceProcess gateway, Uri gatewayUrl)
    {
        this.infrastructure = infrastructure;
        this.tieringPorts = tieringPorts;
        Tiering = tiering;
        Gateway = gateway;
        GatewayUrl = gatewayUrl;
    }

    public ServiceProcess Tiering { get; private set; }

    public ServiceProcess Gateway { get; }

    public Uri GatewayUrl { get; }

    public string OperatorToken { get; private set; } = string.Empty;

    public string TieringDb => infrastructure.Database("tiering");

    /// <param name="tieringSettings">Settings of this phase (e.g. the sweep's poll interval); BENCH_TIERING__ overrides still win.</param>
    public static async Task<TieringServices> StartAsync(Infrastructure infrastructure, IReadOnlyDictionary<string, string> tieringSettings,
        CancellationToken cancellationToken)
    {
        var ports = ServicePorts.Free();
        var tiering = await StartTieringAsync(infrastructure, ports, tieringSettings, cancellationToken);
        try
        {
            var gatewayPort = FreePorts.One();
            var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
            var gateway = await ServiceProcess.StartHealthyAsync("gateway", RepoLayout.ServiceDll("Gateway"),
                ServiceEnvironment.Gateway(infrastructure, gatewayPort, new Dictionary<string, ServicePorts> { ["tiering"] = ports }),
                new Uri(gatewayUrl, "/health"), cancellationToken);
            var services = new TieringServices(infrastructure, ports, tiering, gateway, gatewayUrl);
            services.OperatorToken = await DevTokens.MintAsync(gatewayUrl, "operator", "bench-operator", cancellationToken);
            return services;
        }
        catch
        {
            await tiering.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops Tiering (SIGTERM) and starts it again on the same ports with other settings; its log so far is returned.</summary>
    public async Task<ServiceLog> RestartTieringAsync(IReadOnlyDictionary<string, string> tieringSettings, CancellationToken cancellationToken)
    {
        var log = Tiering.Log(lastLines: 40);
        await Tiering.DisposeAsync();
        Tiering = await StartTieringAsync(infrastructure, tieringPorts, tieringSettings, cancellationToken);
        return log;
    }

    /// <summary>Logs of both services, newest lines last.</summary>
    public IReadOnlyList<ServiceLog> Logs(int lastLines) => [Gateway.Log(lastLines), Tiering.Log(lastLines)];

    /// <summary>The gateway first: it is the caller of Tiering.</summary>
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Tiering.DisposeAsync();
    }

    private static Task<ServiceProcess> StartTieringAsync(Infrastructure infrastructure, ServicePorts ports,
        IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        ServiceProcess.StartHealthyAsync("tiering", RepoLayout.ServiceDll("Tiering"), ServiceEnvironment.Service("tiering", infrastructure, ports, settings),
            ports.HealthUrl, cancellationToken);
}
