using System.Net;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>The step path while its database goes away and comes back: refused for a retry, never lost, never recorded twice.</summary>
public sealed class StepOutageTests(RedisFixture redis, DevBrokerFixture broker)
{
    private const int Workers = 8;

    [Fact]
    public async Task ADatabaseStoppedAndRestartedUnderTheStepPathRefusesStepsAsUnavailableThenRecordsEveryStepOnce()
    {
        await using var database = await PostgresServer.StartAsync(); // its own server: the shared one must stay up
        await using var service = await OnboardingHost.StartAsync(database.NewDatabaseConnectionString("stepsdown"),
            redis.Server.ConnectionString, broker.BootstrapServers);
        using var http = service.CreateClient();
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var load = new RetryingStepLoad(onboarding, Workers);

        var running = load.RunAsync();
        await WaitUntilAsync(() => load.Acknowledged.Count >= 40, "steps recorded before the outage");
        await database.StopAsync();
        await WaitUntilAsync(async () => await ReadinessAsync(http) == HttpStatusCode.ServiceUnavailable, "readiness turning unhealthy");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode); // not restarted for it
        // Every caller has had a step refused: the outage reached the step path, not only the health check.
        await WaitUntilAsync(() => load.Waiting == Workers || running.IsFaulted, "every caller refused");
        await database.RestartAsync();
        await WaitUntilAsync(async () => await ReadinessAsync(http) == HttpStatusCode.OK, "readiness recovering");
        load.Recover();
        await running; // a step answered anything but Unavailable, or refused after recovery, fails here with its status

        var steps = load.Acknowledged.ToLookup(a => a.ClientId);
        Assert.True(load.Refused.Count >= Workers, $"{load.Refused.Count} refused attempt(s)");
        // Each refused step was retried with its event id and recorded then (or had committed: duplicate:true).
        Assert.Subset(load.Acknowledged.Select(a => a.EventId).ToHashSet(), load.Refused.ToHashSet());
        foreach (var clientId in load.Clients)
        {
            Assert.Equal(RetryingStepLoad.Steps, steps[clientId].Select(a => a.Step));
            Assert.Equal(RetryingStepLoad.Steps, (await onboarding.ProgressAsync(clientId)).CompletedSteps);
        }

        // Everything the service will publish for these clients is on the topic once the sentinels behind it are.
        var clients = load.Clients.ToHashSet(StringComparer.Ordinal);
        await onboarding.EverythingPublishedForAsync(clients);
        var published = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.OnboardingEvents, TimeSpan.FromSeconds(60),
            m => m.Key is { } key && clients.Contains(key) && m.Header(EnvelopeHeaders.EventType) == nameof(StepRecorded));
        // Per client, in topic-offset order (one client's events share a partition), the first occurrence of each
        // event id: the relay may publish one event twice, when PostgreSQL stops between its delivery and the DELETE
        // of the row (the same event id, which every consumer's inbox skips, see the Messaging README), but it must
        // not lose, add or reorder one. One event per acknowledged step, in the order the steps were acknowledged.
        var events = published.OrderBy(m => m.Partition).ThenBy(m => m.Offset)
            .Select(m => (ClientId: m.Key!, StepRecorded.Parser.ParseFrom(m.Value).Step, EventId: m.Header(EnvelopeHeaders.EventId)))
            .Where(e => e.Step != "sentinel").DistinctBy(e => e.EventId).ToLookup(e => e.ClientId);
        foreach (var clientId in load.Clients)
        {
            Assert.Equal(steps[clientId].Select(a => a.Step), events[clientId].Select(e => e.Step));
        }
    }

    private static async Task<HttpStatusCode> ReadinessAsync(HttpClient http) =>
        (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode;

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        ChildProcess.WaitUntilAsync(condition, TimeSpan.FromSeconds(60), what);
}
