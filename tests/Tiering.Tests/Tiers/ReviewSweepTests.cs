using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.DevBroker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Platform.Messaging;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Time;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Assets;
using Platform.Tiering.Grpc;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>The monthly review on a fake clock: warning first, downgrade at the next review, each client once.</summary>
/// <remarks>
/// These hosts live in another month: they get a broker of their own, or they would consume the
/// other tests' events and publish their fake-clock view of those clients beside the real one.
/// </remarks>
public sealed class ReviewSweepTests(PostgresFixture postgres, RedisFixture redis) : IDisposable
{
    private readonly EmbeddedKafka broker = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });

    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Friday 20 November 2026, 10:00 in Shanghai; reviews on the 1st at 02:00 (the default).
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, Shanghai);
    private static readonly DateTimeOffset December = new(2026, 12, 1, 2, 0, 0, Shanghai);
    private static readonly DateTimeOffset January = new(2027, 1, 1, 2, 0, 0, Shanghai);

    [Fact]
    public async Task AFallenAdaIsWarnedAtOneReviewAndDowngradedAtTheNextNeverBetween()
    {
        var clock = new FakeTimeProvider(Start.ToUniversalTime());
        await using var service = await StartAsync(postgres.Server.NewDatabaseConnectionString("review"), clock,
            new Dictionary<string, string?> { ["Tiering:Sweep:PollInterval"] = "00:00:01" });
        using var driver = new TieringDriver(service, broker.BootstrapServers);
        var clientId = "r-" + Guid.NewGuid().ToString("N")[..10];
        await InV4WithAdaFallingToTenThousandAsync(driver, clientId);
        Assert.Equal("V4", (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = clientId })).Tier);

        clock.SetUtcNow((December.AddMinutes(1)).ToUniversalTime());
        var warned = await TierWhenAsync(driver, clock, clientId, t => t.DowngradeWarning is not null);
        clock.SetUtcNow((January.AddMinutes(-30)).ToUniversalTime());
        await SweptAsync(service, clock, clientId, ShanghaiTime.DateOf(January.AddMinutes(-30)));
        var beforeReview = await driver.Client.GetTierAsync(new GetTierRequest { ClientId = clientId });
        clock.SetUtcNow((January.AddMinutes(1)).ToUniversalTime());
        var downgraded = await TierWhenAsync(driver, clock, clientId, t => t.Tier != "V4");
        var history = await driver.Client.GetTierHistoryAsync(new GetTierRequest { ClientId = clientId });

        Assert.Equal(("V4", December, January), (warned.Tier, warned.DowngradeWarning.IssuedAt.ToDateTimeOffset(), warned.DowngradeWarning.ReviewAt.ToDateTimeOffset()));
        Assert.Equal("V4", beforeReview.Tier);
        Assert.Equal(("V2", 10_000m), (downgraded.Tier, downgraded.AverageDailyAssets.ToDecimal()));
        Assert.Null(downgraded.DowngradeWarning);
        Assert.Equal([TierChangeReasons.Upgrade, TierChangeReasons.ReviewDowngrade], history.Entries.Select(e => e.Reason));
        Assert.Equal(January, history.Entries[^1].At.ToDateTimeOffset());
    }

    [Fact]
    public async Task TwoReplicasOneStoppedReviewEachClientOnce()
    {
        var database = postgres.Server.NewDatabaseConnectionString("reviewonce");
        var small = new Dictionary<string, string?> { ["Tiering:Sweep:BatchSize"] = "2", ["Tiering:Sweep:PollInterval"] = "00:00:01" };
        var clockA = new FakeTimeProvider(Start.ToUniversalTime());
        var clockB = new FakeTimeProvider(Start.ToUniversalTime());
        var replicaA = await StartAsync(database, clockA, small);
        await using var replicaB = await StartAsync(database, clockB, small);
        using var driver = new TieringDriver(replicaB, broker.BootstrapServers);
        var clients = Enumerable.Range(0, 16).Select(i => $"ro-{i}-{Guid.NewGuid().ToString("N")[..8]}").ToList();
        foreach (var clientId in clients)
        {
            await InV4WithAdaFallingToTenThousandAsync(driver, clientId);
        }

        clockA.SetUtcNow(December.AddMinutes(1).ToUniversalTime());
        clockB.SetUtcNow(December.AddMinutes(1).ToUniversalTime());
        await replicaA.DisposeAsync();
        await ChildProcess.WaitUntilAsync(async () =>
        {
            clockB.Advance(TimeSpan.FromSeconds(1)); // a round that was running when the clock jumped paused on fake time
            using var scope = replicaB.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
            return await db.ClientTiers.CountAsync(c => clients.Contains(c.ClientId) && c.LastReviewAt == December) == clients.Count;
        }, TimeSpan.FromSeconds(60), "every client reviewed");
        await RelayedAsync(replicaB, clockB);

        var warnings = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.TieringEvents, TimeSpan.FromSeconds(30),
            m => clients.Contains(m.Key!) && m.Header("event-type") == nameof(Events.DowngradeWarned));
        // Every warning ever published names a different client, and every client has one: each was warned exactly once.
        Assert.Equal(clients.Order(), warnings.Select(w => w.Key!).Order());
    }

    [Fact]
    public async Task ARestartedReplicaFinishesTheReviewOncePerClient()
    {
        var database = postgres.Server.NewDatabaseConnectionString("reviewrestart");
        var small = new Dictionary<string, string?> { ["Tiering:Sweep:BatchSize"] = "2", ["Tiering:Sweep:PollInterval"] = "00:00:01" };
        var clock = new FakeTimeProvider(Start.ToUniversalTime());
        var before = await StartAsync(database, clock, small);
        var clients = Enumerable.Range(0, 9).Select(i => $"rr-{i}-{Guid.NewGuid().ToString("N")[..8]}").ToList();
        using (var driver = new TieringDriver(before, broker.BootstrapServers))
        {
            foreach (var clientId in clients)
            {
                await InV4WithAdaFallingToTenThousandAsync(driver, clientId);
            }
        }

        // A consumer applying an event to the last client holds its lock: the sweep leaves it for a later round,
        // so the review is still unfinished when the replica stops, whatever the machine's speed.
        await using var busy = new NpgsqlConnection(database);
        await busy.OpenAsync(TestContext.Current.CancellationToken);
        await using var applying = await busy.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var take = new NpgsqlBatch(busy, applying) { BatchCommands = { ClientLocks.LockClients([clients[^1]]) } })
        {
            await take.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        clock.SetUtcNow(December.AddMinutes(1).ToUniversalTime());
        await ReviewedAsync(before, clock, clients, clients.Count - 1);
        await before.DisposeAsync();
        var restartedClock = new FakeTimeProvider(December.AddMinutes(2).ToUniversalTime());
        await using var restarted = await StartAsync(database, restartedClock, small);
        await applying.RollbackAsync(TestContext.Current.CancellationToken);
        await ReviewedAsync(restarted, restartedClock, clients, clients.Count);
        await RelayedAsync(restarted, restartedClock);

        var warnings = await KafkaMessages.ConsumeAllAsync(broker.BootstrapServers, Topics.TieringEvents, TimeSpan.FromSeconds(30),
            m => clients.Contains(m.Key!) && m.Header("event-type") == nameof(Events.DowngradeWarned));
        // Every warning ever published names a different client, one each: the restart warned none a second time ...
        Assert.Equal(clients.Order(), warnings.Select(w => w.Key!).Order());
        // ... and changed no tier: each client's only history is its upgrade to V4.
        using var scope = restarted.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        var tiers = await db.ClientTiers.Where(c => clients.Contains(c.ClientId)).Select(c => c.Tier).ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(tiers, tier => Assert.Equal(Tier.V4, tier));
        Assert.Equal(clients.Count, await db.TierHistory.CountAsync(h => clients.Contains(h.ClientId), TestContext.Current.CancellationToken));
    }

    /// <summary>Polls until <paramref name="count"/> of the clients carry December's review, moving the fake clock a second per probe.</summary>
    private static Task ReviewedAsync(ServiceFactory<TieringDbContext> service, FakeTimeProvider clock, IReadOnlyList<string> clients, int count) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
            return await db.ClientTiers.CountAsync(c => clients.Contains(c.ClientId) && c.LastReviewAt == December) == count;
        }, TimeSpan.FromSeconds(60), $"{count} clients reviewed");

    /// <summary>
    /// Polls until the relay has published every event the reviews wrote (their outbox rows are deleted once
    /// published): only then is everything on the topic everything the reviews will ever publish.
    /// </summary>
    private static Task RelayedAsync(ServiceFactory<TieringDbContext> service, FakeTimeProvider clock) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
            return !await db.Set<OutboxMessage>().AnyAsync();
        }, TimeSpan.FromSeconds(60), "every event relayed");

    /// <summary>V4 from 250,000 carried over the window, then 10,000 from "today" (20 November) on.</summary>
    private static async Task InV4WithAdaFallingToTenThousandAsync(TieringDriver driver, string clientId)
    {
        var today = ShanghaiTime.DateOf(Start);
        await driver.HandledAsync(await driver.ApproveAsync(clientId, Start.AddHours(-1)));
        var rich = await driver.SnapshotAsync(clientId, TradingCalendar.WeekdaysOnly.LastTradingDays(today, 25)[0], 250_000, Start.AddDays(-40));
        await driver.HandledAsync(rich);
        await driver.HandledAsync(await driver.SnapshotAsync(clientId, today, 10_000, Start.AddHours(-2)));
    }

    /// <summary>Polls, moving the fake clock a second per probe: a sweep round that was running when the clock jumped pauses on fake time.</summary>
    private static async Task<TierReply> TierWhenAsync(TieringDriver driver, FakeTimeProvider clock, string clientId, Func<TierReply, bool> ready)
    {
        TierReply? reply = null;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return ready(reply = await driver.Client.GetTierAsync(new GetTierRequest { ClientId = clientId }));
        }, TimeSpan.FromSeconds(60), "the sweep's decision");
        return reply!;
    }

    private static Task SweptAsync(ServiceFactory<TieringDbContext> service, FakeTimeProvider clock, string clientId, DateOnly day) =>
        ChildProcess.WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
            return await db.ClientTiers.AnyAsync(c => c.ClientId == clientId && c.CalculatedOn == day);
        }, TimeSpan.FromSeconds(60), "the daily recalculation");

    public void Dispose() => broker.Dispose();

    private Task<ServiceFactory<TieringDbContext>> StartAsync(string database, TimeProvider clock, IDictionary<string, string?>? settings = null) =>
        ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName, database, redis.Server.ConnectionString, broker.BootstrapServers,
            clock, settings);
}
