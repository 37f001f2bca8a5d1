using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Content.Feed;
using Platform.Content.Profiles;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Profiles;

/// <summary>
/// Two replicas' batches over the same clients in parallel transactions (a client's topics on different members): one
/// writes an acquisition of e and an assessment of c, the other trades of c and e. Each batch takes its rows in one order
/// before writing, so the second queues behind the first instead of each holding a row the other wants next (review 3
/// finding 6: 40P01, and the whole batch redone).
/// </summary>
public sealed class ProfileLockOrderTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "profile-locks");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    /// <summary>The first batch is held after each of its first statements in turn while the second runs as far as it can.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task TwoBatchesOverTheSameClientsInParallelTransactionsDoNotDeadlock(int pauseAfter)
    {
        var (c, e) = ($"locks-{pauseAfter}-c", $"locks-{pauseAfter}-e");
        using (var scope = host.Service.Services.CreateScope())
        {
            // Both have profiles, so the trades' first statement writes both rows (neither client is approved yet).
            await scope.ServiceProvider.GetRequiredService<ProfileFacts>()
                .ApplyAsync([new TierChangedFact(c, "V1", T0), new TierChangedFact(e, "V1", T0)], TestContext.Current.CancellationToken);
        }

        var pause = new PauseAfterStatement(pauseAfter);
        await using var first = await Writer.OpenAsync(host, pause);
        await using var second = await Writer.OpenAsync(host, null);
        pause.Arm();
        var firstBatch = first.ApplyAndCommitAsync([new AcquiredFact(e, "ch1", null, T0), new AssessedFact(c, 3, Sequence: 1, Offset: 0)]);
        await pause.Paused.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var secondBatch = second.ApplyAndCommitAsync([new TradedFact(c, T0), new TradedFact(e, T0)]);
        // The second runs until it is done or waits for a row the first holds; then the first goes on.
        await ChildProcess.WaitUntilAsync(async () => secondBatch.IsCompleted || await WaitsForALockAsync(second.ProcessId),
            TimeSpan.FromSeconds(30), "the second batch to finish or wait for a row lock");
        pause.Release();

        Assert.Equal([null, null], await Task.WhenAll(firstBatch, secondBatch));
    }

    private async Task<bool> WaitsForALockAsync(int processId)
    {
        using var scope = host.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        return await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_stat_activity WHERE pid = {processId} AND wait_event_type = 'Lock'")
            .AnyAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A ProfileFacts on a context of its own, in a transaction of its own, as one replica's consumer runs a batch.</summary>
    private sealed class Writer(IServiceScope scope, ContentDbContext db, FeedInvalidations invalidations, int processId) : IAsyncDisposable
    {
        public int ProcessId { get; } = processId;

        public static async Task<Writer> OpenAsync(ContentHost host, PauseAfterStatement? pause)
        {
            var scope = host.Service.Services.CreateScope();
            var services = scope.ServiceProvider;
            var options = new DbContextOptionsBuilder<ContentDbContext>(services.GetRequiredService<DbContextOptions<ContentDbContext>>());
            var db = new ContentDbContext((pause is null ? options : options.AddInterceptors(pause)).Options);
            var invalidations = new FeedInvalidations(db, services.GetRequiredService<FeedCopies>(), services.GetRequiredService<PendingInvalidations>(),
                services.GetRequiredService<IOptions<FeedOptions>>(), TimeProvider.System);
            await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            var processId = await db.Database.SqlQuery<int>($"SELECT pg_backend_pid() AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
            return new Writer(scope, db, invalidations, processId);
        }

        /// <summary>Null when the batch committed; otherwise the SQLSTATE it failed with (40P01: chosen as a deadlock's victim).</summary>
        public async Task<string?> ApplyAndCommitAsync(IReadOnlyList<ProfileFact> facts)
        {
            try
            {
                await new ProfileFacts(db, invalidations, TimeProvider.System, NullLogger<ProfileFacts>.Instance).ApplyAsync(facts, CancellationToken.None);
                await db.Database.CommitTransactionAsync(CancellationToken.None);
                return null;
            }
            catch (Exception ex) when (ex.GetBaseException() is PostgresException failed)
            {
                return failed.SqlState;
            }
        }

        public async ValueTask DisposeAsync()
        {
            invalidations.Dispose();
            await db.DisposeAsync();
            scope.Dispose();
        }
    }
}
