using Platform.Bench.Common.Hosting;
using Platform.TestSupport.Network;

namespace Platform.Bench.Onboarding.Hosting;

/// <summary>
/// Onboarding and the Gateway as real processes on free ports, healthy, with a system token
/// (posts steps for any client) and an operator token (reads the report) minted by the gateway.
/// </summary>
public sealed class PlatformServices : IAsyncDisposable
{
    /// <summary>The hop chain's database: the Onboarding that answers without recording still starts as usual (migrations, health).</summary>
    public const string HopChainDatabase = "onboardinghops";

    /// <summary>
    /// The hop chain's Onboarding: answers every valid step without recording it (refused unless DOTNET_ENVIRONMENT is Development,
    /// which ServiceEnvironment sets), on a database, consumer groups and Redis keys of its own so that it shares nothing with the other.
    /// </summary>
    public static Dictionary<string, string> HopChainSettings(Infrastructure infrastructure) => new()
    {
        ["Onboarding__Benchmark__AnswerWithoutRecording"] = "true",
        ["ConnectionStrings__onboardingdb"] = infrastructure.Database(HopChainDatabase),
        ["Messaging__ConsumerGroupSuffix"] = "-hops",
        ["Redis__KeyPrefix"] = HopChainDatabase + ":",
    };

    private PlatformServices(ServiceProcess onboarding, ServiceProcess gateway, Uri gatewayUrl)
    {
        Onboarding = onboarding;
        Gateway = gateway;
        GatewayUrl = gatewayUrl;
    }

    public ServiceProcess Onboarding { get; }

    public ServiceProcess Gateway { get; }

    public Uri GatewayUrl { get; }

    public string SystemToken { get; private set; } = string.Empty;

    public string OperatorToken { get; private set; } = string.Empty;

    /// <param name="onboardingSettings">Added to or replacing Onboarding's environment (<see cref="HopChainSettings"/>).</param>
    public static async Task<PlatformServices> StartAsync(Infrastructure infrastructure, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? onboardingSettings = null)
    {
        var ports = ServicePorts.Free();
        var onboarding = await ServiceProcess.StartHealthyAsync("onboarding", RepoLayout.ServiceDll("Onboarding"),
            ServiceEnvironment.Service("onboarding", infrastructure, ports, onboardingSettings), ports.HealthUrl, cancellationToken);
        try
        {
            var gatewayPort = FreePorts.One();
            var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
            var gateway = await ServiceProcess.StartHealthyAsync("gateway", RepoLayout.ServiceDll("Gateway"),
                ServiceEnvironment.Gateway(infrastructure, gatewayPort, new Dictionary<string, ServicePorts> { ["onboarding"] = ports }),
                new Uri(gatewayUrl, "/health"), cancellationToken);
            var services = new PlatformServices(onboarding, gateway, gatewayUrl);
            try
            {
                services.SystemToken = await DevTokens.MintAsync(gatewayUrl, "system", "bench", cancellationToken);
                services.OperatorToken = await DevTokens.MintAsync(gatewayUrl, "operator", "bench-operator", cancellationToken);
                return services;
            }
            catch
            {
                await gateway.DisposeAsync();
                throw;
            }
        }
        catch
        {
            await onboarding.DisposeAsync();
            throw;
        }
    }

    /// <summary>Logs of both services, newest lines last.</summary>
    public IReadOnlyList<ServiceLog> Logs(int lastLines) => [Gateway.Log(lastLines), Onboarding.Log(lastLines)];

    /// <summary>The gateway first: it is the caller of Onboarding.</summary>
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Onboarding.DisposeAsync();
    }
}
