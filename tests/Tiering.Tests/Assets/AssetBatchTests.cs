using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.DevBroker;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Tests.Assets;

/// <summary>
/// Tiering consumes approvals and asset activity a poll's worth per transaction (a nightly snapshot of a million clients
/// must not be a million transactions). Each test publishes on a broker of its own before Tiering starts, so that the
/// consumer's first poll holds the events, and compares with a Tiering that takes the same events one per transaction.
/// </summary>
public sealed class AssetBatchTests(PostgresFixture postgres, RedisFixture redis)
{
    [Fact]
    public async Task ADaysActivityConsumedTogetherIsOneTransactionAndEndsAtTheTierOfTheSameEventsOneByOne()
    {
        using var kafka = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
        string[] clients = ["batch-steady", "batch-late-approval", "batch-mover"];
        var days = TieringDriver.LastTradingDays(20);
        var approvals = clients.Select(c => TieringDriver.Approval(c)).ToList();
        var redelivered = TieringDriver.Deposit("batch-mover", days[^1], 150_000);
        List<EventEnvelope> activity =
        [
            .. days.Select(d => TieringDriver.Snapshot("batch-steady", d, 60_000)),
            .. days.Select(d => TieringDriver.Snapshot("batch-late-approval", d, 250_000)),
            .. days.Take(10).Select(d => TieringDriver.Snapshot("batch-mover", d, 30_000)),
            // The same day reported again, later: the later report is the day's.
            TieringDriver.Snapshot("batch-mover", days[9], 90_000, reportedAt: DateTimeOffset.UtcNow.AddMinutes(-1)),
            redelivered, redelivered,
            TieringDriver.Withdrawal("batch-mover", days[^1], 20_000),
            TieringDriver.TransferOut("batch-steady", days[^1], 10_000),
        ];
        // Two clients approved before their activity, one after it (its facts wait for the approval).
        KafkaMessages.ProduceTogether(kafka.BootstrapServers, Topics.OnboardingEvents, approvals.Take(2));
        KafkaMessages.ProduceTogether(kafka.BootstrapServers, Topics.ActivityEvents, activity);
        KafkaMessages.ProduceTogether(kafka.BootstrapServers, Topics.OnboardingEvents, approvals.Skip(2));

        await using var batched = await StartAsync("asset-batched", kafka.BootstrapServers, maxBatch: 500);
        await using var oneByOne = await StartAsync("asset-one-by-one", kafka.BootstrapServers, maxBatch: 1);
        var handled = await HandledAsync(batched, [.. approvals, .. activity]);
        await HandledAsync(oneByOne, [.. approvals, .. activity]);

        // Each client's activity (one record batch of its partition, fetched whole) committed in one transaction.
        Assert.All(activity.GroupBy(e => e.Key), client => Assert.Single(client.Select(e => handled[e.EventId]).Distinct()));
        foreach (var client in clients)
        {
            var (expected, actual) = (await TierAsync(oneByOne, client), await TierAsync(batched, client));
            Assert.Equal((client, expected.Tier, expected.AverageDailyAssets.ToDecimal(), expected.AmountToNextTier?.ToDecimal()),
                (client, actual.Tier, actual.AverageDailyAssets.ToDecimal(), actual.AmountToNextTier?.ToDecimal()));
        }

        // Not every client is at V0: the comparison is of tiers the facts moved.
        Assert.NotEqual("V0", (await TierAsync(batched, "batch-late-approval")).Tier);
        Assert.Equal(1, await FlowsAsync(batched, redelivered.EventId));
    }

    private async Task<ServiceFactory<TieringDbContext>> StartAsync(string name, string bootstrapServers, int maxBatch) =>
        await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName, postgres.Server.NewDatabaseConnectionString(name),
            redis.Server.ConnectionString, bootstrapServers, settings: new Dictionary<string, string?>
            {
                // Its own group, so that both services read every event.
                ["Messaging:ConsumerGroupSuffix"] = "-" + name,
                ["Messaging:Consumer:MaxBatch"] = maxBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

    /// <summary>Waits until the service's inbox holds every event; returns when each was handled.</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> HandledAsync(ServiceFactory<TieringDbContext> service, IReadOnlyCollection<EventEnvelope> events)
    {
        var ids = events.Select(e => e.EventId).Distinct().ToList();
        Dictionary<Guid, DateTimeOffset> handled = [];
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = service.Services.CreateScope();
            handled = await scope.ServiceProvider.GetRequiredService<TieringDbContext>().Set<InboxMessage>()
                .Where(m => ids.Contains(m.EventId)).ToDictionaryAsync(m => m.EventId, m => m.HandledAt);
            return handled.Count == ids.Count;
        }, TimeSpan.FromSeconds(60), "Tiering handling the events");
        return handled;
    }

    private static async Task<TierReply> TierAsync(ServiceFactory<TieringDbContext> service, string clientId) =>
        await new TieringService.TieringServiceClient(service.CreateGrpcChannel()).GetTierAsync(new GetTierRequest { ClientId = clientId });

    private static async Task<int> FlowsAsync(ServiceFactory<TieringDbContext> service, Guid eventId)
    {
        using var scope = service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<TieringDbContext>().Database
            .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM asset_flows WHERE event_id = {eventId}").SingleAsync();
    }
}
