using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Onboarding.Funnel;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// A batch PostgreSQL refuses for one step's value is recorded by halves: the innocent steps commit in a
/// few transactions, not one each, so a cheap bad request cannot turn group commit into serial commits.
/// </summary>
public sealed class StepBatchSplitTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private const int BatchSize = 256;
    private const int PoisonAt = 100;

    [Fact]
    public async Task OnePoisonedStepInAFullBatchCostsLogarithmicallyManyTransactionsAndEveryOtherStepCommitsOnce()
    {
        var probe = new BatchProbe();
        var database = postgres.Server.NewDatabaseConnectionString("bisect");
        await using var service = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?>
            {
                ["Onboarding:Funnel:BatchPartitions"] = "1", ["Onboarding:Funnel:MaxBatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            services: s =>
            {
                s.AddSingleton<IStepBatchRows>(probe);
                s.AddSingleton<IAfterStepsCommitted>(probe);
            });
        var batcher = service.Services.GetRequiredService<StepBatcher>();

        // A first step holds the loop inside its transaction while the batch under test queues up behind it,
        // so that the loop then takes exactly that batch, whole.
        var gate = batcher.RecordAsync(Command(BatchProbe.GatePrefix + Guid.NewGuid().ToString("N")[..8]), TestContext.Current.CancellationToken);
        Assert.True(probe.GateEntered.Wait(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "the gate step never reached its transaction");
        var clients = Enumerable.Range(0, BatchSize)
            .Select(i => (i == PoisonAt ? BatchProbe.PoisonPrefix : BatchProbe.BatchPrefix) + Guid.NewGuid().ToString("N")[..12]).ToList();
        var calls = clients.Select(clientId => batcher.RecordAsync(Command(clientId), TestContext.Current.CancellationToken)).ToList();
        probe.ReleaseGate();
        await gate;

        await Assert.ThrowsAsync<StepNotStorableException>(() => calls[PoisonAt]);
        var innocent = clients.Where((_, i) => i != PoisonAt).ToList();
        var outcomes = await Task.WhenAll(calls.Where((_, i) => i != PoisonAt));
        Assert.All(outcomes, o => Assert.Equal(("in_progress", "registered", false), (o.Status, o.CurrentStep, o.Duplicate)));
        // Each innocent step committed exactly once (a step recorded again would be counted, and published, twice).
        Assert.Equal(innocent.Order(StringComparer.Ordinal), probe.Committed.Order(StringComparer.Ordinal));
        // By halves: the full batch, then two halves per level down to the poisoned step (2·log2(256) = 16), of which
        // one per level commits. Step by step would have been 1 + 256 transactions and 255 commits.
        var levels = (int)Math.Log2(BatchSize);
        Assert.Equal(1 + 2 * levels, probe.Attempts);
        Assert.Equal(levels, probe.Commits);
        Assert.Equal(innocent.Count, await CountStepsAsync(database, clients));
    }

    private static async Task<long> CountStepsAsync(string database, IEnumerable<string> clientIds)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM funnel_steps WHERE client_id = ANY($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = clientIds.ToArray() } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static StepCommand Command(string clientId) => new(clientId, "standard",
        new StepReport(Guid.CreateVersion7(), FunnelStep.Registered, DateTimeOffset.UtcNow.AddMinutes(-1), "short_video", "double11", "ios", 1));

    /// <summary>
    /// Holds the gate client's transaction until released; makes any transaction holding the poisoned client's
    /// step fail with a value error (an invalid UTF-8 byte sequence, 22021); counts the transactions that hold
    /// batch steps, and the commits.
    /// </summary>
    private sealed class BatchProbe : IStepBatchRows, IAfterStepsCommitted
    {
        public const string GatePrefix = "gate-";
        public const string PoisonPrefix = "poison-";
        public const string BatchPrefix = "b-";

        private readonly ManualResetEventSlim release = new();
        private readonly ConcurrentQueue<string> committed = new();
        private int attempts;
        private int commits;

        public ManualResetEventSlim GateEntered { get; } = new();

        /// <summary>Transactions that reached their writes with a step of the batch under test.</summary>
        public int Attempts => Volatile.Read(ref attempts);

        /// <summary>Commits of steps of the batch under test.</summary>
        public int Commits => Volatile.Read(ref commits);

        /// <summary>The batch's clients whose step committed, once per commit.</summary>
        public IEnumerable<string> Committed => committed;

        public void ReleaseGate() => release.Set();

        public IEnumerable<NpgsqlBatchCommand> RowsFor(StepBatchDecisions decisions)
        {
            if (decisions.Changed.Keys.Any(id => id.StartsWith(GatePrefix, StringComparison.Ordinal)))
            {
                GateEntered.Set();
                release.Wait(TimeSpan.FromSeconds(60));
            }

            if (decisions.Changed.Keys.Any(IsOfBatch))
            {
                Interlocked.Increment(ref attempts);
            }

            if (decisions.Changed.Keys.Any(id => id.StartsWith(PoisonPrefix, StringComparison.Ordinal)))
            {
                yield return new NpgsqlBatchCommand(@"SELECT convert_from('\xff'::bytea, 'UTF8')");
            }
        }

        public Task StepsCommittedAsync(IReadOnlyCollection<ClientFunnel> changed, CancellationToken cancellationToken)
        {
            var ofBatch = changed.Select(f => f.ClientId).Where(IsOfBatch).ToList();
            if (ofBatch.Count > 0)
            {
                Interlocked.Increment(ref commits);
                ofBatch.ForEach(committed.Enqueue);
            }

            return Task.CompletedTask;
        }

        private static bool IsOfBatch(string clientId) =>
            clientId.StartsWith(BatchPrefix, StringComparison.Ordinal) || clientId.StartsWith(PoisonPrefix, StringComparison.Ordinal);
    }
}
