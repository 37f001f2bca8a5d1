extern alias GatewayApp;

using Platform.TestSupport.Services;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway with test settings: dev tokens, a fixed key, a fake clock, the fake Onboarding and, when given, a broker;
/// <paramref name="services"/> replaces registrations of the gateway's (how it reaches in-memory services).
/// </summary>
public sealed class GatewayFactory(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider time, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<GatewayApp::Program>
{
    public const string SigningKey = "gateway-tests-signing-key-0123456789abcdef";

    /// <summary>Where the gateway finds Tiering (service discovery's key).</summary>
    public const string TieringAddressKey = "services:tiering:grpc:0";

    /// <summary>Where the gateway finds Content (service discovery's key).</summary>
    public const string ContentAddressKey = "services:content:grpc:0";

    /// <summary>Where the gateway finds Engagement (service discovery's key).</summary>
    public const string EngagementAddressKey = "services:engagement:grpc:0";

    public FakeTimeProvider Time { get; } = time;

    /// <summary>A gateway that publishes activity to the broker at <paramref name="kafka"/>.</summary>
    public static GatewayFactory Create(Uri onboarding, string kafka, Action<Dictionary<string, string?>>? change = null) =>
        Create(onboarding, settings =>
        {
            settings["ConnectionStrings:kafka"] = kafka;
            change?.Invoke(settings);
        });

    public static Dictionary<string, string?> DefaultSettings(Uri onboarding) => new()
    {
        ["Gateway:DevTokens"] = "true",
        ["Gateway:Auth:DevSigningKey"] = SigningKey,
        ["services:onboarding:grpc:0"] = onboarding.ToString(),
        ["Gateway:RateLimit:Roles:client:PermitsPerSecond"] = "100000",
        ["Gateway:RateLimit:Roles:client:Burst"] = "100000",
        ["Gateway:RateLimit:Roles:operator:PermitsPerSecond"] = "100000",
        ["Gateway:RateLimit:Roles:operator:Burst"] = "100000",
        ["Gateway:RateLimit:Roles:system:PermitsPerSecond"] = "100000",
        ["Gateway:RateLimit:Roles:system:Burst"] = "100000",
        ["Gateway:RateLimit:Anonymous:PermitsPerSecond"] = "100000",
        ["Gateway:RateLimit:Anonymous:Burst"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public static GatewayFactory Create(Uri onboarding, Action<Dictionary<string, string?>>? change = null)
    {
        var settings = DefaultSettings(onboarding);
        change?.Invoke(settings);
        return new GatewayFactory(settings, new FakeTimeProvider(DateTimeOffset.UtcNow));
    }

    /// <summary>
    /// A gateway in front of in-memory services: a call to a host of <paramref name="servers"/> (the address service
    /// discovery resolved, e.g. services:content:grpc:0 = http://content.test) goes to that test server.
    /// </summary>
    public static GatewayFactory InFrontOf(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, TestServer> servers) =>
        new(settings, new FakeTimeProvider(DateTimeOffset.UtcNow), services =>
            // Added last, so it replaces the primary handler gRPC's client factory sets; a new one per handler chain built.
            services.ConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = new InMemoryServices(servers))));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Dev tokens need environment Development; a test may set another one with the setting "environment".
        builder.UseEnvironment(Environments.Development);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(collection =>
        {
            collection.AddSingleton<TimeProvider>(Time);
            services?.Invoke(collection);
        });
    }

    public async Task<string> TokenAsync(string role, string subject)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/v1/dev/tokens", new { role, subject }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    public async Task<HttpClient> ClientAsAsync(string role, string subject)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role, subject));
        return client;
    }
}
