using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Lifecycle;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>
/// <see cref="ClientStateStore.SaveAsync"/> writes the changed rows of a batch in one statement, the day and transfer arrays
/// only for the rows whose arrays changed: what it writes must read back as the state it was given, whichever mix of rows a
/// batch holds.
/// </summary>
public sealed class ClientStateStoreTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;

    [Fact]
    public async Task EveryColumnOfEveryChangedRowReadsBackAsSavedWhetherItsArraysChangedOrNot()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var ids = Enumerable.Range(0, 5).Select(_ => LifecycleDriver.NewClientId()).ToArray();
        var (full, scalarsOnly, emptied, daysOnly, transfersOnly) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await SaveAsync(service.Services, ids, states =>
        {
            for (var i = 0; i < ids.Length; i++)
            {
                Fill(states[ids[i]], days: 45, seed: i);
            }
        });

        // One batch, five kinds of rows: every array changed, only scalars changed, arrays emptied, only the days (a snapshot),
        // only the transfers out (a transfer): each row's arrays are sent, or kept, on their own.
        var expected = await SaveAsync(service.Services, ids, states =>
        {
            Fill(states[full], days: 30, seed: 7);
            var kept = states[scalarsOnly];
            (kept.LastLoginAt, kept.Investments, kept.Tier, kept.Cash) = (T0.AddTicks(1230), kept.Investments + 1, "V7", 0.000000001m);
            (kept.AmountToNextTier, kept.Stage, kept.NextCheckAt) = (null, null, null);
            var cleared = states[emptied];
            (cleared.DailyDates, cleared.DailyTotals, cleared.DailyCash, cleared.DailyTakenAt) = ([], [], [], []);
            (cleared.TransferOutAt, cleared.TransferOutAmounts) = ([], []);
            var snapshot = states[daysOnly];
            (snapshot.DailyDates, snapshot.DailyTotals) = ([.. snapshot.DailyDates, DateOnly.FromDateTime(T0.UtcDateTime)], [.. snapshot.DailyTotals, 1.5m]);
            (snapshot.DailyCash, snapshot.DailyTakenAt) = ([.. snapshot.DailyCash, 0m], [.. snapshot.DailyTakenAt, T0.ToOffset(TimeSpan.FromHours(8)).AddTicks(70)]);
            var transfer = states[transfersOnly];
            (transfer.TransferOutAt, transfer.TransferOutAmounts) = ([.. transfer.TransferOutAt, T0.ToOffset(TimeSpan.FromHours(8))], [.. transfer.TransferOutAmounts, 12_345.678m]);
        });

        var read = await ReadAsync(service.Services, ids);
        foreach (var id in ids)
        {
            Assert.Equal(StateDescription.Of(expected[id]), StateDescription.Of(read[id]));
            Assert.True(ClientStateCopy.Same(expected[id], read[id]), $"{id} did not read back as saved");
        }

        Assert.Equal(45, read[scalarsOnly].DailyDates.Length);
        Assert.Equal(46, read[daysOnly].DailyTotals.Length);
        Assert.Equal(3, read[transfersOnly].TransferOutAmounts.Length);
        Assert.Equal(45, read[transfersOnly].DailyCash.Length);
        Assert.Empty(read[emptied].DailyTotals);
        Assert.Empty(read[emptied].TransferOutAmounts);
    }

    [Fact]
    public async Task ABatchWaitsForAClientAnotherHoldsAndThenReadsWhatThatOneCommitted()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var (shared, other) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        await SaveAsync(service.Services, [shared], _ => { });
        await using var firstScope = service.Services.CreateAsyncScope();
        var firstDb = firstScope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var firstStore = firstScope.ServiceProvider.GetRequiredService<ClientStateStore>();
        await using var first = await firstDb.Database.BeginTransactionAsync();
        var held = await firstStore.LockAsync([shared], CancellationToken.None);
        held[shared].Investments = 7;
        await firstStore.SaveAsync(held.Values, CancellationToken.None);

        // A second batch over the same client (and another) while the first has not committed.
        var second = Task.Run(async () =>
        {
            await using var scope = service.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var states = await scope.ServiceProvider.GetRequiredService<ClientStateStore>().LockAsync([other, shared], CancellationToken.None);
            await transaction.CommitAsync();
            return states[shared].Investments;
        });
        await ChildProcess.WaitUntilAsync(async () => second.IsCompleted || await WaitingLocksAsync(service.Services) > 0,
            TimeSpan.FromSeconds(30), "the second batch finishing or waiting for a lock");

        Assert.False(second.IsCompleted, "the second batch read the client while the first held it");
        await first.CommitAsync();
        Assert.Equal(7, await second);
    }

    [Fact]
    public async Task TheSweeperSkipsADueClientABatchHoldsAndClaimsTheOthers()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var (busy, free) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        await SaveAsync(service.Services, [busy, free], states =>
        {
            foreach (var state in states.Values)
            {
                // Due an hour after the host's clock, which stays put: its own sweeper never claims them; this test claims a day on.
                (state.Stage, state.NextCheckAt) = ("S4", T0.AddHours(1));
            }
        });
        var sweptAt = T0.AddDays(1);
        await using var batchScope = service.Services.CreateAsyncScope();
        var batchDb = batchScope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await using var batch = await batchDb.Database.BeginTransactionAsync();
        await batchScope.ServiceProvider.GetRequiredService<ClientStateStore>().LockAsync([busy], CancellationToken.None);

        await using var sweepScope = service.Services.CreateAsyncScope();
        var sweepDb = sweepScope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await using var sweep = await sweepDb.Database.BeginTransactionAsync();
        var sweepStore = sweepScope.ServiceProvider.GetRequiredService<ClientStateStore>();
        var (held, claimed) = await sweepStore.ClaimDueAsync(sweptAt, 500, CancellationToken.None);

        Assert.Equal([free], held.Select(s => s.ClientId));
        Assert.Equal(2, claimed);

        // The round settles what it holds and commits; the client it left out is untouched and still due.
        held.Single().NextCheckAt = null;
        await sweepStore.SaveAsync(held, CancellationToken.None);
        await sweep.CommitAsync();
        await batch.CommitAsync();
        await using var laterScope = service.Services.CreateAsyncScope();
        await using var later = await laterScope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.BeginTransactionAsync();
        var (heldLater, _) = await laterScope.ServiceProvider.GetRequiredService<ClientStateStore>().ClaimDueAsync(sweptAt, 500, CancellationToken.None);
        Assert.Equal([busy], heldLater.Select(s => s.ClientId));
        Assert.Equal(T0.AddHours(1), heldLater.Single().NextCheckAt);
    }

    [Fact]
    public async Task ARoundThatLeftAHeldClientOutDrainsTheRestWithoutWaitingForTheClock()
    {
        var clock = new FakeTimeProvider(T0);
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, clock,
            new Dictionary<string, string?> { ["Engagement:Lifecycle:SweepBatchSize"] = "2" });
        var held = LifecycleDriver.NewClientId();
        var others = Enumerable.Range(0, 5).Select(_ => LifecycleDriver.NewClientId()).ToArray();
        // Due after the clock's start, so that the host's sweeper finds none until the clock moves; the held client first,
        // so that every round of two claims it and leaves it out.
        await SaveAsync(service.Services, [held, .. others], states =>
        {
            foreach (var state in states.Values)
            {
                (state.Stage, state.NextCheckAt) = ("S4", T0.AddHours(state.ClientId == held ? 1 : 2));
            }
        });
        await using var batchScope = service.Services.CreateAsyncScope();
        await using var batch = await batchScope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.BeginTransactionAsync();
        await batchScope.ServiceProvider.GetRequiredService<ClientStateStore>().LockAsync([held], CancellationToken.None);

        // One move of the clock wakes the sweeper once: rounds of two, each settling one, must go on by themselves.
        clock.Advance(TimeSpan.FromHours(3));
        var now = clock.GetUtcNow();
        await ChildProcess.WaitUntilAsync(async () => (await DueAsync(service.Services, now)).SequenceEqual([held]), TimeSpan.FromSeconds(60),
            "every client but the held one settled");
        await batch.CommitAsync();
    }

    private static async Task<string[]> DueAsync(IServiceProvider root, DateTimeOffset now)
    {
        await using var scope = root.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().ClientStates.AsNoTracking()
            .Where(s => s.NextCheckAt <= now).Select(s => s.ClientId).ToArrayAsync();
    }

    /// <summary>Locks the clients' rows, lets <paramref name="change"/> change them and saves them; returns copies of what was saved.</summary>
    private static async Task<Dictionary<string, ClientState>> SaveAsync(IServiceProvider root, string[] ids, Action<Dictionary<string, ClientState>> change)
    {
        await using var scope = root.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ClientStateStore>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var states = await store.LockAsync(ids, CancellationToken.None);
        change(states);
        await store.SaveAsync(states.Values, CancellationToken.None);
        await transaction.CommitAsync();
        return states.ToDictionary(s => s.Key, s => ClientStateCopy.Of(s.Value));
    }

    private static async Task<Dictionary<string, ClientState>> ReadAsync(IServiceProvider root, string[] ids)
    {
        await using var scope = root.CreateAsyncScope();
        await using var transaction = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.BeginTransactionAsync();
        return await scope.ServiceProvider.GetRequiredService<ClientStateStore>().LockAsync(ids, CancellationToken.None);
    }

    [Fact]
    public async Task LockingOutsideAReadCommittedTransactionIsRefused()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        await using var scope = service.Services.CreateAsyncScope();

        var store = scope.ServiceProvider.GetRequiredService<ClientStateStore>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.LockAsync([LifecycleDriver.NewClientId()], CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.ClaimDueAsync(T0, 10, CancellationToken.None));

        // Nor in a transaction whose snapshot may predate the locks.
        await using var repeatable = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
            .BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.LockAsync([LifecycleDriver.NewClientId()], CancellationToken.None));
    }

    private static async Task<long> WaitingLocksAsync(IServiceProvider root)
    {
        await using var scope = root.CreateAsyncScope();
        return await LockWaits.CountAsync(scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.GetConnectionString()!);
    }

    /// <summary>Every column set, amounts at the wire's full precision and times at the database's (microseconds).</summary>
    private static void Fill(ClientState state, int days, int seed)
    {
        var random = new Random(seed);
        decimal Amount() => random.Next(0, 10_000_000) + random.Next(0, 1_000_000_000) / 1_000_000_000m;
        // Times at microseconds, in UTC and in +08:00 alike (a time is an instant, whatever its offset).
        DateTimeOffset Time(int day) => T0.AddDays(day).AddTicks(random.Next(0, 10_000_000) * 10L).ToOffset(TimeSpan.FromHours(day % 2 == 0 ? 0 : 8));
        (state.RegisteredAt, state.ApprovedAt, state.FirstDepositAt) = (Time(-90), Time(-89), Time(-88));
        (state.FirstInvestmentAt, state.LastInvestmentAt, state.Investments, state.LastLoginAt) = (Time(-80), Time(-2), random.Next(1, 500), Time(-1));
        (state.Tier, state.TierChangedAt, state.AmountToNextTier, state.AmountToNextTierAt) = ("V3", Time(-10), Amount(), Time(-5));
        (state.SnapshotDate, state.TotalAssets, state.Cash, state.IdleCashDays) = (DateOnly.FromDateTime(T0.UtcDateTime), Amount(), Amount(), random.Next(0, 45));
        state.DailyDates = [.. Enumerable.Range(1, days).Select(d => DateOnly.FromDateTime(T0.AddDays(d - days - 1).UtcDateTime))];
        state.DailyTotals = [.. Enumerable.Range(0, days).Select(_ => Amount())];
        state.DailyCash = [.. Enumerable.Range(0, days).Select(_ => Amount())];
        state.DailyTakenAt = [.. Enumerable.Range(1, days).Select(d => Time(d - days - 1))];
        state.TransferOutAt = [Time(-20), Time(-3)];
        state.TransferOutAmounts = [Amount(), 0.000000001m];
        (state.Stage, state.StageChangedAt, state.NextCheckAt) = ("S4", Time(-2), Time(28));
    }
}
