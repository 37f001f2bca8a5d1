using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Feed;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;

namespace Platform.Content.Tests.Feed;

/// <summary>Missed tombstones across two replicas on one database and one Redis (review findings 3 and 8).</summary>
public sealed class ReplicaInvalidationTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    /// <summary>The retry loops wait an hour between passes: the test runs them by hand.</summary>
    private static Dictionary<string, string?> DrivenByHand(string? staleAfter = null) => new()
    {
        ["Content:Feed:InvalidationRetryInterval"] = "01:00:00",
        ["Content:Feed:InvalidationsStaleAfter"] = staleAfter,
    };

    private static Task RetryOnceAsync(ContentHost host) =>
        host.Service.Services.GetRequiredService<InvalidationRetryWorker>().RetryOnceAsync(TestContext.Current.CancellationToken);

    private static async Task CreateFundsAsync(ContentHost host)
    {
        foreach (var risk in new[] { 2, 4 })
        {
            await host.Catalog.CreateItemAsync(new ContentItem
            {
                ItemId = $"replica-fund-r{risk}", Kind = "product", Risk = $"R{risk}", Title = $"Fund R{risk}", Body = "A fund", Priority = 90 + risk,
            });
        }
    }

    /// <summary>
    /// A client reassessed C4 to C2 while Redis refuses writes: the tombstone fails on whichever replica handles it and
    /// the C4 copy (R4 fund included) stays in Redis. The other replica learns of it only from the stored request, which
    /// its loop reads every InvalidationRetryInterval (here: by hand); past Content:Feed:InvalidationsStaleAfter without
    /// such a read it trusts no copy. So neither replica serves the old copy once that bound has passed.
    /// </summary>
    [Fact]
    public async Task ATombstoneRedisRefusedIsHonouredByBothReplicasOnceTheBoundHasPassed()
    {
        var settings = DrivenByHand(staleAfter: "00:00:02");
        await using var replicas = await TwoReplicas.StartAsync(postgres, broker, settings, settings);
        await CreateFundsAsync(replicas.A);
        const string client = "replica-down";
        var prefix = StoredFeedCopies.KeyPrefixOf(replicas.A);
        await replicas.AssessAsync(client, "C4");
        await ChildProcess.WaitUntilAsync(async () =>
        {
            var served = true;
            foreach (var host in replicas.Both)
            {
                await RetryOnceAsync(host);
                served &= (await TwoReplicas.FeedOnAsync(host, client))?.Contains("replica-fund-r4") == true;
            }

            return served && await StoredFeedCopies.GetAsync(replicas.Redis.ConnectionString, prefix, client) is { Copy.Invalidated: false };
        }, TimeSpan.FromSeconds(30), "both replicas serving the cached C4 feed");

        await RedisWrites.RefuseAsync(replicas.Redis, refuse: true);
        await replicas.AssessAsync(client, "C2");
        Assert.True(await StoredFeedCopies.GetAsync(replicas.Redis.ConnectionString, prefix, client) is { Copy.Invalidated: false },
            "the C4 copy is still in Redis, untouched");

        await ChildProcess.WaitUntilAsync(async () =>
        {
            foreach (var host in replicas.Both)
            {
                if ((await TwoReplicas.FeedOnAsync(host, client))!.Contains("replica-fund-r4"))
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(30), "neither replica serving the R4 fund");
        foreach (var host in replicas.Both)
        {
            Assert.Equal(["replica-fund-r2"], (await TwoReplicas.FeedOnAsync(host, client))!.Where(i => i.StartsWith("replica-", StringComparison.Ordinal)));
        }

        await RedisWrites.RefuseAsync(replicas.Redis, refuse: false);
        await RetryOnceAsync(replicas.B);
        Assert.True(await StoredFeedCopies.GetAsync(replicas.Redis.ConnectionString, prefix, client) is { Copy.Invalidated: true });
    }

    /// <summary>
    /// A Redis outage during a sweep leaves a backlog of stored invalidations: one pass of each replica's loop, side by
    /// side, writes every tombstone and forgets every request (they claim different batches instead of the same first 500).
    /// </summary>
    [Fact]
    public async Task ABacklogOfMissedInvalidationsIsDrainedByOnePassOfTwoReplicas()
    {
        const int backlog = 20_000;
        await using var replicas = await TwoReplicas.StartAsync(postgres, broker, DrivenByHand(), DrivenByHand());
        await replicas.AsSuperuserAsync(
            $"""
            INSERT INTO feed_invalidations (client_id, version, requested_at)
            SELECT 'drain-' || g, g % 7 + 1, now() - g * interval '1 millisecond' FROM generate_series(1, {backlog}) g
            """);

        // Passes of both replicas side by side until nothing waits: one pass each drains it all on a quiet machine, but a
        // batch whose Redis write times out (a loaded CI machine) rolls back and is left, by design, to the next pass.
        var passes = 0;
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () =>
        {
            passes++;
            await Task.WhenAll(replicas.Both.Select(RetryOnceAsync));
            await using var scope = replicas.A.Service.Services.CreateAsyncScope();
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
                scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<FeedInvalidation>(), i => i.WrittenAt == null,
                TestContext.Current.CancellationToken) == 0;
        }, TimeSpan.FromSeconds(60), "the backlog to be drained");
        Assert.InRange(passes, 1, 5);

        var clients = Enumerable.Range(1, backlog).Select(g => $"drain-{g}").ToList();
        var stored = await StoredFeedCopies.GetAsync(replicas.Redis.ConnectionString, StoredFeedCopies.KeyPrefixOf(replicas.A), clients);
        Assert.All(Enumerable.Range(1, backlog), g => Assert.Equal((true, g % 7 + 1L), (stored[g - 1]?.Copy.Invalidated, stored[g - 1]?.Version)));
    }
}
