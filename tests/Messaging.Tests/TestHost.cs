using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.DevBroker;
using Platform.Messaging.Envelope;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Processes;

namespace Platform.Messaging.Tests;

/// <summary>An in-process service: the test worker's host with the settings a test needs, on its own database.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private TestHost(IHost host) => Host = host;

    public IHost Host { get; }

    public HandlerBehaviour Behaviour => Host.Services.GetRequiredService<HandlerBehaviour>();

    public static async Task<TestHost> StartAsync(
        string connectionString, string bootstrapServers, IDictionary<string, string?> settings, ILoggerProvider? logs = null,
        Action<HandlerBehaviour>? behave = null)
    {
        // Short backoffs and delivery timeout by default; a test's own settings win.
        var all = new Dictionary<string, string?>
        {
            ["Messaging:Consumer:InitialBackoff"] = "00:00:00.010",
            ["Messaging:Consumer:MaxBackoff"] = "00:00:00.100",
            ["Messaging:Outbox:InitialBackoff"] = "00:00:00.050",
            ["Messaging:Outbox:MaxBackoff"] = "00:00:00.500",
            ["Messaging:DeliveryTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        all["ConnectionStrings:testdb"] = connectionString;
        all["ConnectionStrings:kafka"] = bootstrapServers;
        var builder = WorkerHost.CreateBuilder([], all);
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        behave?.Invoke(host.Services.GetRequiredService<HandlerBehaviour>()); // before the consumer sees anything
        await host.StartAsync();
        return new TestHost(host);
    }

    public async Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> work)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TestDbContext>());
    }

    /// <summary>The host's readiness, as its /health/ready would answer.</summary>
    public async Task<HealthStatus> ReadinessAsync() =>
        (await Host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains("ready"))).Status;

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }

    public static string NewTopic(EmbeddedKafka kafka, string prefix, int partitions = 3)
    {
        var topic = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        kafka.CreateTopic(topic, partitions);
        kafka.CreateTopic(Topics.DeadLetterOf(topic), partitions);
        return topic;
    }

    public static EventEnvelope Event(string clientId, long sequence) =>
        EventEnvelope.Create(clientId, new CounterIncremented { ClientId = clientId, Sequence = sequence }, DateTimeOffset.UtcNow);

    public static Task WaitUntilAsync(Func<Task<bool>> probe, string what, int seconds = 60) =>
        ChildProcess.WaitUntilAsync(probe, TimeSpan.FromSeconds(seconds), what);
}
