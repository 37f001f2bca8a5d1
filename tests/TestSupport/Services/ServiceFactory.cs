using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(settings));
        return base.CreateHost(builder);
    }

    /// <summary>Applies the test's service overrides (a FakeTimeProvider, say) after the service's own registrations.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (overrideServices is not null)
        {
            builder.ConfigureServices(overrideServices);
        }
    }

    /// <summary>A gRPC channel over the in-memory server.</summary>
    public GrpcChannel CreateGrpcChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    /// <summary>Waits until /health answers 200: migrations applied, PostgreSQL, Redis and Kafka reachable.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan? deadline = null)
    {
        using var client = CreateClient();
        await ChildProcess.WaitUntilAsync(async () => (await client.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode,
            deadline ?? TimeSpan.FromSeconds(60), "the service reporting healthy");
    }
}
