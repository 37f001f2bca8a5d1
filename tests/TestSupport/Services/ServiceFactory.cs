using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Processes;

namespace Platform.TestSupport.Services;

/// <summary>
/// Hosts one real service in memory (<see cref="WebApplicationFactory{TEntryPoint}"/>) on real
/// infrastructure: the settings (connection strings above all) are fed as host configuration,
/// so the service's <c>Add…()</c> sees them before <c>Build()</c>.
/// </summary>
public sealed class ServiceFactory<TEntryPoint>(
    IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? overrideServices = null) : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(configuration => configuration
            .AddInMemoryCollection(QuietLogging)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Platform:Auth:DevSigningKey"] = TestTokens.SigningKey })
            .AddInMemoryCollection(settings));
        return base.CreateHost(builder);
    }

    /// <summary>
    /// Test hosts log warnings and errors only, and not the health checks and EF Core commands that
    /// fail on purpose (a database dropped at the end of a test, a stopped Redis): hundreds of hosts
    /// start in one run, and at Information their lines bury the one failed test a CI log must show.
    /// <c>PLATFORM_TEST_LOG_LEVEL=Information</c> (or Debug) brings everything back when debugging.
    /// </summary>
    private static Dictionary<string, string?> QuietLogging
    {
        get
        {
            var wanted = Environment.GetEnvironmentVariable("PLATFORM_TEST_LOG_LEVEL");
            if (!string.IsNullOrWhiteSpace(wanted))
            {
                return new() { ["Logging:LogLevel:Default"] = wanted, ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = wanted };
            }
            return new()
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            };
        }
    }

    /// <summary>Applies the test's service overrides (a FakeTimeProvider, say) after the service's own registrations.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (overrideServices is not null)
        {
            builder.ConfigureServices(overrideServices);
        }
    }

    /// <summary>A gRPC channel over the in-memory server whose calls carry a core system's token (role system may call everything but operators' routes).</summary>
    public GrpcChannel CreateGrpcChannel() => CreateGrpcChannel(TestTokens.System());

    /// <summary>A gRPC channel whose calls carry <paramref name="bearerToken"/> (none when null).</summary>
    public GrpcChannel CreateGrpcChannel(string? bearerToken) =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = new BearerTokenHandler(bearerToken, Server.CreateHandler()) });

    /// <summary>Waits until /health answers 200: migrations applied, PostgreSQL, Redis and Kafka reachable.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? deadline = null)
    {
        using var client = CreateClient();
        await ChildProcess.WaitUntilAsync(async () => (await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode,
            deadline ?? TimeSpan.FromSeconds(60), "the service reporting healthy");
    }
}
