using System.Net.Http.Json;
using Platform.TestSupport.Processes;

namespace Platform.Bench.Onboarding.Hosting;

/// <summary>
/// Onboarding and the Gateway as real processes on free ports, healthy, with a system token
/// (posts steps for any client) and an operator token (reads the report) minted by the gateway.
/// </summary>
public sealed class PlatformServices : IAsyncDisposable
{
    // Local mode only: a fixed key, so that tokens would survive a gateway restart.
    private const string DevSigningKey = "bench-onboarding-dev-signing-key-0123456789abcdef";
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(120);

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

    /// <summary>
    /// Extra settings for one service from this app's environment, for what-if runs without code changes:
    /// BENCH_GATEWAY__Logging__LogLevel__Default=Warning reaches the gateway as Logging__LogLevel__Default=Warning.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Overrides(string service)
    {
        var prefix = $"BENCH_{service.ToUpperInvariant()}__";
        return Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string key && key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => ((string)e.Key)[prefix.Length..], e => (string)e.Value!, StringComparer.Ordinal);
    }

    public static async Task<PlatformServices> StartAsync(Infrastructure infrastructure, CancellationToken cancellationToken)
    {
        var (grpc, onboardingHealth, gatewayPort) = (Port(), Port(), Port());
        var onboarding = ServiceProcess.Start("onboarding", RepoLayout.ServiceDll("Onboarding"), new Dictionary<string, string>
        {
            ["ConnectionStrings__onboardingdb"] = infrastructure.OnboardingDb,
            ["ConnectionStrings__redis"] = infrastructure.Redis.ConnectionString,
            ["ConnectionStrings__kafka"] = infrastructure.Kafka.BootstrapServers,
            ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{grpc}",
            ["Kestrel__Endpoints__health__Url"] = $"http://127.0.0.1:{onboardingHealth}",
            // As the app host sets it in local mode: DevBroker serves the KIP-848 group protocol.
            ["Messaging__Consumer__GroupProtocol"] = "consumer",
        }.With(Overrides("onboarding")));
        ServiceProcess? gateway = null;
        try
        {
            await onboarding.WaitHealthyAsync(new Uri($"http://127.0.0.1:{onboardingHealth}/health"), HealthDeadline, cancellationToken);
            gateway = ServiceProcess.Start("gateway", RepoLayout.ServiceDll("Gateway"), new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{gatewayPort}",
                ["ConnectionStrings__kafka"] = infrastructure.Kafka.BootstrapServers,
                ["services__onboarding__grpc__0"] = $"http://127.0.0.1:{grpc}",
                ["Gateway__DevTokens"] = "true",
                ["Gateway__Auth__DevSigningKey"] = DevSigningKey,
                // One caller (the bench's token) sends everything: a limit far above what it can send.
                ["Gateway__RateLimit__PermitsPerSecond"] = "1000000",
                ["Gateway__RateLimit__Burst"] = "1000000",
            }.With(Overrides("gateway")));
            var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
            await gateway.WaitHealthyAsync(new Uri(gatewayUrl, "/health"), HealthDeadline, cancellationToken);
            var services = new PlatformServices(onboarding, gateway, gatewayUrl);
            services.SystemToken = await services.MintTokenAsync("system", "bench", cancellationToken);
            services.OperatorToken = await services.MintTokenAsync("operator", "bench-operator", cancellationToken);
            return services;
        }
        catch
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

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

    private async Task<string> MintTokenAsync(string role, string subject, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.PostAsJsonAsync("/v1/dev/tokens", new { role, subject }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        return token?.Token ?? throw new InvalidOperationException("POST /v1/dev/tokens answered without a token.");
    }

    private static int Port() => ChildProcess.FreePort();

    private sealed record TokenAnswer(string Token);
}

internal static class SettingsExtensions
{
    /// <summary>The settings with <paramref name="overrides"/> added or replacing.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> settings, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}
