using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Experiments;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;

namespace Platform.Content.Tests.Experiments;

/// <summary>What concurrent writers do to experiments, on the real PostgreSQL.</summary>
public sealed class ExperimentConcurrencyTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ExperimentScenario scenario = null!;

    public async ValueTask InitializeAsync() => scenario = await StartAsync(postgres, redis, broker, "experiments-concurrency");

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    /// <summary>
    /// The interleaving that lost conversions, forced rather than hoped for: the first transaction does its work and stays
    /// open; the second runs until it is done or waits on a lock; only then does the first commit.
    /// </summary>
    [Fact]
    public async Task AConversionOverlappingTheFirstExposureCountsWhicheverTransactionStartsFirst()
    {
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome());
        var experiment = await scenario.WithDatabaseAsync(db => db.Experiments.AsNoTracking().SingleAsync(e => e.Key == "welcome-copy"));
        var rounds = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var exposureFirst in new[] { true, false })
            {
                var clientId = $"k-{round}-{exposureFirst}";
                var now = DateTimeOffset.UtcNow;
                Func<ExperimentCounters, Task> expose = c => c.ExposedAsync(clientId, [(experiment, "control", "welcome-a")], now, CancellationToken.None);
                Func<ExperimentCounters, Task> convert = c =>
                    c.ConversionAsync("welcome-copy", clientId, Guid.NewGuid(), now.AddSeconds(1), now.AddSeconds(1), now, CancellationToken.None);
                await OverlapAsync(exposureFirst ? expose : convert, exposureFirst ? convert : expose);
                rounds++;
            }
        }

        Assert.Equal(rounds, (await scenario.ResultsAsync()).Variants.Sum(v => v.Conversions));
    }

    private async Task OverlapAsync(Func<ExperimentCounters, Task> first, Func<ExperimentCounters, Task> second)
    {
        using var firstScope = scenario.Host.Service.Services.CreateScope();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<ContentDbContext>();
        await using var firstTransaction = await firstDb.Database.BeginTransactionAsync();
        await first(firstScope.ServiceProvider.GetRequiredService<ExperimentCounters>());

        var secondDone = Task.Run(async () =>
        {
            using var scope = scenario.Host.Service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await second(scope.ServiceProvider.GetRequiredService<ExperimentCounters>());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        await ChildProcess.WaitUntilAsync(async () => secondDone.IsCompleted || await WaitingOnAdvisoryLockAsync(),
            TimeSpan.FromSeconds(30), "the second transaction to finish or to wait on the first's lock");

        await firstDb.SaveChangesAsync();
        await firstTransaction.CommitAsync();
        await secondDone;
    }

    private Task<bool> WaitingOnAdvisoryLockAsync() =>
        scenario.WithDatabaseAsync(async db => await LockWaits.CountAsync(db.Database.GetConnectionString()!, "advisory") > 0);

    [Fact]
    public async Task ParallelCreatesOverOneItemGiveExactlyOneRunningExperiment()
    {
        for (var round = 0; round < 5; round++)
        {
            var (a, b) = ($"race-{round}-a", $"race-{round}-b");
            await scenario.Host.Catalog.CreateItemAsync(Item(a));
            await scenario.Host.Catalog.CreateItemAsync(Item(b));

            var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                try
                {
                    await scenario.Host.Experiments.CreateExperimentAsync(Welcome(key: $"race-{round}-x{i}", control: a, b: b));
                    return StatusCode.OK;
                }
                catch (RpcException ex)
                {
                    return ex.StatusCode;
                }
            }));

            Assert.Equal(1, attempts.Count(s => s == StatusCode.OK));
            Assert.All(attempts.Where(s => s != StatusCode.OK), s => Assert.Equal(StatusCode.InvalidArgument, s));
        }
    }
}
