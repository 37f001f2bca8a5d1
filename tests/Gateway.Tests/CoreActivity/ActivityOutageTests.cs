using System.Diagnostics;
using System.Net;
using Platform.DevBroker;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Messaging;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Network;
using static Platform.Gateway.Tests.CoreActivity.ActivityBatches;
using Platform.Gateway.Tests.Funnel;

namespace Platform.Gateway.Tests.CoreActivity;

/// <summary>A broker of its own that goes down: the gateway answers 503, never 500, and recovers.</summary>
public sealed class ActivityOutageTests(GatewayFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);

    private EmbeddedKafka kafka = null!;
    private GatewayFactory gateway = null!;

    public ValueTask InitializeAsync()
    {
        kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = FreePorts.One() });
        gateway = GatewayFactory.Create(fixture.Onboarding.Address, kafka.BootstrapServers, settings =>
        {
            settings["Messaging:DeliveryTimeout"] = "00:00:01";
            settings["Gateway:Activity:UnavailableRetryAfter"] = "00:00:07";
            settings["Logging:LogLevel:Platform.Messaging"] = "None";   // librdkafka reports every refused connection
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await gateway.DisposeAsync();
        kafka.Dispose();
    }

    [Fact]
    public async Task ABrokerThatDoesNotAcknowledgeIs503WithRetryAfterAndHealthSaysSo()
    {
        var clientId = Steps.UniqueClient("down");
        using var client = await gateway.ClientAsAsync("system", "core-1");
        kafka.SetAllBrokersDown();

        using var response = await client.PostActivityAsync(Batch(
            Event(clientId, "deposit", gateway.Time.GetUtcNow(), new() { ["amount"] = 10m })));
        using var health = await gateway.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        var problem = await response.ReadProblemAsync(503);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Contains("resend", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public async Task AfterAnOutageTheSameBatchIsAcceptedOnceTheBrokerIsBack()
    {
        var clientId = Steps.UniqueClient("down");
        using var client = await gateway.ClientAsAsync("system", "core-1");
        var batch = Batch(Event(clientId, "trade", gateway.Time.GetUtcNow(), new() { ["amount"] = 42.42m }));
        kafka.SetAllBrokersDown();
        using var during = await client.PostActivityAsync(batch);
        await during.ReadProblemAsync(503);

        kafka.SetAllBrokersUp();
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var retry = await client.PostActivityAsync(batch);   // the core system's resend
            status = retry.StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && deadline.Elapsed < RecoveryDeadline);

        Assert.Equal(HttpStatusCode.Accepted, status);
        // Everything the client's batches published: the 202 comes after Kafka acknowledged the last attempt, and the
        // attempts answered 503 were sent while the broker refused every connection, so they cannot have reached it.
        var published = await KafkaMessages.ConsumeAllAsync(kafka.BootstrapServers, Topics.ActivityEvents, ConsumeTimeout,
            message => message.Key == clientId, TestContext.Current.CancellationToken);
        Assert.Equal(batch["events"]![0]!.AsObject().EventId(), Assert.Single(published).Header("event-id"));
    }
}
