using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Bench.Common.Hosting;
using Platform.DevBroker;
using Platform.TestSupport.Network;

namespace Platform.Bench.Engagement.Hosting;

/// <summary>
/// Engagement as a real process, with the two it calls: Content (SelectContent for each decision) and the gateway (the operator's
/// settings). Content runs on a broker of its own: its consumers would otherwise read the same burst and take the cores the
/// bench measures Engagement on (in a deployment it has its own); it answers from its seeded catalogue.
/// </summary>
public sealed class EngagementServices : IAsyncDisposable
{
    private readonly EmbeddedKafka contentBroker;

    private EngagementServices(EmbeddedKafka contentBroker, ServiceProcess content, ServiceProcess engagement, ServiceProcess gateway, Uri gatewayUrl, string operatorToken)
    {
        this.contentBroker = contentBroker;
        Content = content;
        Engagement = engagement;
        Gateway = gateway;
        GatewayUrl = gatewayUrl;
        OperatorToken = operatorToken;
    }

    public ServiceProcess Content { get; }

    public ServiceProcess Engagement { get; }

    public ServiceProcess Gateway { get; }

    public Uri GatewayUrl { get; }

    public string OperatorToken { get; }

    public static async Task<EngagementServices> StartAsync(Infrastructure infrastructure, CancellationToken cancellationToken)
    {
        var contentBroker = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
        List<ServiceProcess> started = [];
        try
        {
            var contentPorts = ServicePorts.Free();
            started.Add(await ServiceProcess.StartHealthyAsync("content", RepoLayout.ServiceDll("Content"),
                ServiceEnvironment.Service("content", infrastructure, contentPorts, new Dictionary<string, string>
                {
                    ["ConnectionStrings__kafka"] = contentBroker.BootstrapServers,
                }), contentPorts.HealthUrl, cancellationToken));
            var engagementPorts = ServicePorts.Free();
            started.Add(await ServiceProcess.StartHealthyAsync("engagement", RepoLayout.ServiceDll("Engagement"),
                ServiceEnvironment.Service("engagement", infrastructure, engagementPorts, new Dictionary<string, string>
                {
                    ["services__content__grpc__0"] = $"http://127.0.0.1:{contentPorts.Grpc}",
                }), engagementPorts.HealthUrl, cancellationToken));
            var gatewayPort = FreePorts.One();
            var gatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
            started.Add(await ServiceProcess.StartHealthyAsync("gateway", RepoLayout.ServiceDll("Gateway"),
                ServiceEnvironment.Gateway(infrastructure, gatewayPort, new Dictionary<string, ServicePorts>
                {
                    ["engagement"] = engagementPorts, ["content"] = contentPorts,
                }), new Uri(gatewayUrl, "/health"), cancellationToken));
            var token = await DevTokens.MintAsync(gatewayUrl, "operator", "bench-operator", cancellationToken);
            return new EngagementServices(contentBroker, started[0], started[1], started[2], gatewayUrl, token);
        }
        catch
        {
            foreach (var service in Enumerable.Reverse(started))
            {
                await service.DisposeAsync();
            }

            contentBroker.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves the quiet hours (PUT /v1/config/engagement, as an operator) to a window that starts six hours from now in their
    /// time zone, so that push and SMS are decided and delivered during the run whatever the hour it starts at; everything
    /// else stays as seeded (caps, a 10% holdout, the priority window). Returns the settings as stored.
    /// </summary>
    public async Task<string> MoveQuietHoursAwayAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        var settings = await http.GetFromJsonAsync<JsonObject>("/v1/config/engagement", cancellationToken)
            ?? throw new InvalidOperationException("GET /v1/config/engagement answered nothing.");
        var quiet = settings["quietHours"]!.AsObject();
        var zone = TimeZoneInfo.FindSystemTimeZoneById((string)quiet["timeZone"]!);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        quiet["start"] = $"{(local.Hour + 6) % 24:D2}:00";
        quiet["end"] = $"{(local.Hour + 7) % 24:D2}:00";
        settings.Remove("version");
        using var response = await http.PutAsJsonAsync("/v1/config/engagement", settings, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"PUT /v1/config/engagement answered {(int)response.StatusCode}: {body}");
    }

    public IReadOnlyList<ServiceLog> Logs(int lastLines) => [Gateway.Log(lastLines), Engagement.Log(lastLines), Content.Log(lastLines)];

    /// <summary>Callers first: the gateway, Engagement, then Content and its broker.</summary>
    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Engagement.DisposeAsync();
        await Content.DisposeAsync();
        contentBroker.Dispose();
    }
}
