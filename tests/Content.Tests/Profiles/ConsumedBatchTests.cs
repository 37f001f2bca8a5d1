using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Feed;
using Platform.Content.Profiles;
using Platform.DevBroker;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Events;

namespace Platform.Content.Tests.Profiles;

/// <summary>
/// Content's consumer handles a poll's worth of events in one transaction. Each test publishes its events on a broker of
/// its own before Content starts, so that its consumer's first poll holds them all (and nothing of other tests).
/// </summary>
public sealed class ConsumedBatchTests(PostgresFixture postgres, RedisFixture redis)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private static Timestamp At(int minutes) => Timestamp.FromDateTimeOffset(T0.AddMinutes(minutes));

    private static StepRecorded Step(string clientId, string step, string level, long sequence) => new()
    {
        ClientId = clientId, Step = step, RiskLevel = level, RiskLevelSequence = sequence, OccurredAt = At((int)sequence),
        Channel = "search", Campaign = "etf-week", RegisteredAt = At(0),
    };

    [Fact]
    public async Task EventsOfOneClientConsumedTogetherAreAppliedInTheirOrderInOneTransactionWithTheirInvalidation()
    {
        const string client = "batch-order";
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
        var events = Envelopes(client,
            Step(client, ProfileFactsHandler.RiskAssessedStep, "C4", 1),
            new AccountApproved { ClientId = client, OccurredAt = At(20), RiskLevel = "C4", RiskLevelSequence = 2 },
            Step(client, ProfileFactsHandler.RiskAssessedStep, "C2", 3),
            new AccountFunded { ClientId = client, ApprovedAt = At(20), FundedAt = At(30) },
            Step(client, "bank_card_bound", "C2", 4));
        KafkaMessages.ProduceTogether(kafka.BootstrapServers, Topics.OnboardingEvents, events);

        await using var host = await StartAsync("batch-order", kafka.BootstrapServers);
        var handled = await HandledAsync(host, events);

        var profile = await ProfileAsync(host, client);
        Assert.Equal((2, 4L, "search", T0.AddMinutes(20), T0.AddMinutes(30)),
            (profile.RiskTolerance, profile.RiskLevelSequence, profile.Channel, profile.ApprovedAt!.Value, profile.FundedAt!.Value));
        // One transaction: every inbox row of the batch was written by one statement, at one time.
        Assert.Single(handled.Values.Distinct());
        // ... and so was the request to invalidate the client's cached feed, at the version the batch left.
        Assert.Equal(profile.Version, await InvalidationVersionAsync(host, client));
    }

    [Fact]
    public async Task AnEventTwiceInOneBatchIsAppliedOnce()
    {
        const string once = "batch-once", twice = "batch-twice";
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
        var onceEvents = Envelopes(once, new TierChanged { ClientId = once, ToTier = "V2", OccurredAt = At(5) },
            new NearNextTier { ClientId = once, AmountToNextTier = new Amount { Units = 3000 }, OccurredAt = At(6) });
        var twiceEvents = Envelopes(twice, new TierChanged { ClientId = twice, ToTier = "V2", OccurredAt = At(5) },
            new NearNextTier { ClientId = twice, AmountToNextTier = new Amount { Units = 3000 }, OccurredAt = At(6) });
        KafkaMessages.ProduceTogether(kafka.BootstrapServers, Topics.TieringEvents, [.. onceEvents, twiceEvents[0], twiceEvents[0], twiceEvents[1], twiceEvents[0]]);

        await using var host = await StartAsync("batch-twice", kafka.BootstrapServers);
        var handled = await HandledAsync(host, [.. onceEvents, .. twiceEvents]);

        Assert.Single(handled.Values.Distinct());
        var (single, repeated) = (await ProfileAsync(host, once), await ProfileAsync(host, twice));
        Assert.Equal((single.Tier, single.AmountToNextTier, single.Version), (repeated.Tier, repeated.AmountToNextTier, repeated.Version));
        using var scope = host.Service.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().CountAsync(m => m.EventId == twiceEvents[0].EventId));
    }

    [Fact]
    public async Task APoisonedEventInABatchGoesToTheDeadLetterTopicAndTheOthersCommitInOrder()
    {
        const string client = "batch-poison";
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
        // A client id longer than any Content stores: PostgreSQL refuses the row, on every attempt.
        var poison = Envelopes(client, Step(new string('x', 65), ProfileFactsHandler.RiskAssessedStep, "C5", 2))[0];
        var good = Envelopes(client,
            Step(client, ProfileFactsHandler.RiskAssessedStep, "C4", 1),
            new AccountApproved { ClientId = client, OccurredAt = At(20), RiskLevel = "C4", RiskLevelSequence = 3 },
            Step(client, ProfileFactsHandler.RiskAssessedStep, "C2", 4));
        KafkaMessages.ProduceTogether(kafka.BootstrapServers, Topics.OnboardingEvents, [good[0], poison, good[1], good[2]]);

        await using var host = await StartAsync("batch-poison", kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Messaging:Consumer:MaxAttempts"] = "2",
            ["Messaging:Consumer:InitialBackoff"] = "00:00:00.010",
            ["Messaging:Consumer:MaxBackoff"] = "00:00:00.050",
        });
        await HandledAsync(host, good);

        var profile = await ProfileAsync(host, client);
        Assert.Equal((2, 4L, T0.AddMinutes(20)), (profile.RiskTolerance, profile.RiskLevelSequence, profile.ApprovedAt!.Value));
        // The events behind the poisoned one were handled after its dead letter was written (the consumer awaits it).
        var dead = Assert.Single(await KafkaMessages.ConsumeAllAsync(kafka.BootstrapServers, Topics.DeadLetterOf(Topics.OnboardingEvents), TimeSpan.FromSeconds(60)));
        Assert.Equal((poison.EventId.ToString(), "2"), (dead.Header(EnvelopeHeaders.EventId), dead.Header(EnvelopeHeaders.DeadLetterAttempts)));
        using var scope = host.Service.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().AnyAsync(m => m.EventId == poison.EventId));
    }

    private async Task<ContentHost> StartAsync(string name, string bootstrapServers, IDictionary<string, string?>? settings = null) =>
        new(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName, postgres.Server.NewDatabaseConnectionString(name),
            redis.Server.ConnectionString, bootstrapServers, settings: settings));

    private static EventEnvelope[] Envelopes(string key, params IMessage[] messages) =>
        [.. messages.Select(m => EventEnvelope.Create(key, m, DateTimeOffset.UtcNow))];

    /// <summary>Waits until Content's inbox holds every event; returns when each was handled.</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> HandledAsync(ContentHost host, IReadOnlyCollection<EventEnvelope> events)
    {
        var ids = events.Select(e => e.EventId).Distinct().ToList();
        Dictionary<Guid, DateTimeOffset> handled = [];
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            handled = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>()
                .Where(m => ids.Contains(m.EventId)).ToDictionaryAsync(m => m.EventId, m => m.HandledAt);
            return handled.Count == ids.Count;
        }, TimeSpan.FromSeconds(60), "Content handling the events");
        return handled;
    }

    private static async Task<ClientProfile> ProfileAsync(ContentHost host, string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Profiles.AsNoTracking().SingleAsync(p => p.ClientId == clientId);
    }

    private static async Task<long> InvalidationVersionAsync(ContentHost host, string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<FeedInvalidation>()
            .Where(i => i.ClientId == clientId).Select(i => i.Version).SingleAsync();
    }
}
