using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Platform.TestSupport.Network;

namespace Platform.EndToEnd;

/// <summary>One platform for the end-to-end tests: app host in local mode, free ports, its own data folder.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(4);
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", "e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private DistributedApplication? app;

    public int KafkaPort { get; } = FreePorts.One();

    public DistributedApplication App => app ?? throw new InvalidOperationException("The platform has not started.");

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--Platform:DataDir={dataDirectory}",
            $"--Platform:Ports:Gateway={FreePorts.One()}",
            $"--Platform:Ports:Kafka={KafkaPort}",
            $"--Platform:Ports:Redis={FreePorts.One()}",
            $"--Platform:Ports:Postgres={FreePorts.One()}",
            "--Platform:DynamicServicePorts=true",
        ], TestContext.Current.CancellationToken);
        app = await builder.BuildAsync(TestContext.Current.CancellationToken).WaitAsync(StartDeadline);
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(StartDeadline);
        foreach (var resource in new[] { "onboarding", "tiering", "engagement", "content", "gateway" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, TestContext.Current.CancellationToken).WaitAsync(StartDeadline);
        }
    }

    /// <summary>An HTTP client of the gateway, with a dev token of <paramref name="role"/> for <paramref name="subject"/> unless anonymous.</summary>
    public async Task<HttpClient> GatewayAsync(string? role = null, string? subject = null)
    {
        var gateway = new HttpClient { BaseAddress = App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        if (role is not null)
        {
            await Journeys.AuthorizeAsync(gateway, role, subject ?? role);
        }

        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL may still be releasing files; a temp folder left behind is harmless.
        }
    }
}

/// <summary>The test classes that share one running platform (starting it takes about a minute); their tests run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
