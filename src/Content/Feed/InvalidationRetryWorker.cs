using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Feed;

/// <summary>
/// Writes the tombstones Redis missed (it was away when the profile changed, or lost them since: a new
/// <see cref="RedisIncarnation"/>) and keeps <see cref="PendingInvalidations"/> true on every replica while any wait, so no
/// replica serves a copy that outlived its invalidation.
/// </summary>
public sealed partial class InvalidationRetryWorker(
    IServiceScopeFactory scopes, IDatabaseReadiness database, FeedCopies copies, PendingInvalidations pending, RedisIncarnation redis,
    IOptions<FeedOptions> options, TimeProvider time, ILogger<InvalidationRetryWorker> logger) : BackgroundService
{
    /// <summary>Tombstones written per claimed batch (one pipelined round of Redis writes, one transaction).</summary>
    private const int BatchSize = 1000;

    /// <summary>The most waiting clients every replica keeps in memory to bypass one by one; beyond it, every feed bypasses.</summary>
    private const int TrackedClients = 10_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RetryOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away too: no copy is trusted until the waiting requests can be read again.
                pending.Unknown();
                LogRetryFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.InvalidationRetryInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One pass of the loop: when Redis is a new incarnation, marks the tombstones written to the old one within
    /// <see cref="FeedOptions.CopyTimeToLive"/> pending again; reads the pending requests (every replica bypasses their
    /// copies), writes their tombstones until none is left or Redis refuses, and forgets the written ones no copy can
    /// outlive any more.
    /// </summary>
    public async Task RetryOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var read = pending.ReadStarting();
        var keptSince = StoredTime.Now(time) - options.Value.CopyTimeToLive;
        await RewriteIfRedisChangedAsync(db, keptSince, cancellationToken);
        var waiting = await db.Set<FeedInvalidation>().AsNoTracking().Where(i => i.WrittenAt == null).OrderBy(i => i.RequestedAt).Take(TrackedClients + 1)
            .Select(i => i.ClientId).ToListAsync(cancellationToken);
        pending.Stored(waiting.Take(TrackedClients), more: waiting.Count > TrackedClients, read);
        if (waiting.Count > 0 && await DrainAsync(db, cancellationToken) is > 0 and var written)
        {
            LogRetried(logger, written);
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM feed_invalidations WHERE written_at <= {keptSince}", cancellationToken);
    }

    /// <summary>
    /// Notes Redis's incarnation; when it is not the one noted (shared by every replica, so one of them does it once), the
    /// tombstones written since <paramref name="keptSince"/> may be lost with the old one and are marked pending again.
    /// </summary>
    private async Task RewriteIfRedisChangedAsync(ContentDbContext db, DateTimeOffset keptSince, CancellationToken cancellationToken)
    {
        if (await redis.CurrentAsync() is not { } incarnation)
        {
            // Redis does not answer: no copy can be read, and the next pass that reaches it compares.
            return;
        }

        var marked = await db.Database.ExecuteSqlAsync(
            $"""
            WITH changed AS (
                INSERT INTO feed_redis_incarnation AS n (id, incarnation, noted_at) VALUES ({NotedRedisIncarnation.OnlyRow}, {incarnation}, {StoredTime.Now(time)})
                ON CONFLICT (id) DO UPDATE SET incarnation = excluded.incarnation, noted_at = excluded.noted_at WHERE n.incarnation <> excluded.incarnation
                RETURNING 1)
            UPDATE feed_invalidations SET written_at = NULL WHERE written_at > {keptSince} AND EXISTS (SELECT FROM changed)
            """, cancellationToken);
        if (marked > 0)
        {
            LogRedisChanged(logger, marked);
        }
    }

    /// <summary>
    /// Claims the oldest batch no other replica holds (SKIP LOCKED: replicas drain different rows side by side instead of
    /// rewriting the same ones), writes its tombstones pipelined, forgets the batch in the same transaction, and goes on
    /// until a batch is short (nothing more waited when it was claimed) or Redis refuses (the claim rolls back).
    /// </summary>
    private async Task<int> DrainAsync(ContentDbContext db, CancellationToken cancellationToken)
    {
        var written = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await db.Set<FeedInvalidation>()
                .FromSql($"SELECT * FROM feed_invalidations WHERE written_at IS NULL ORDER BY requested_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking().ToListAsync(cancellationToken);
            if (batch.Count == 0
                || !await FeedInvalidations.WriteAsync(db, copies, [.. batch.Select(i => (i.ClientId, i.Version))], options.Value.CopyTimeToLive, time, cancellationToken))
            {
                return written;
            }

            await transaction.CommitAsync(cancellationToken);
            written += batch.Count;
            if (batch.Count < BatchSize)
            {
                return written;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not look for feed invalidations Redis missed; feeds are not cached until it works again")]
    private static partial void LogRetryFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Wrote {Count} feed invalidations Redis had missed")]
    private static partial void LogRetried(ILogger logger, int count);

    [LoggerMessage(3, LogLevel.Warning, "Redis is not the incarnation the feed tombstones were written to: {Count} recent tombstones will be written again")]
    private static partial void LogRedisChanged(ILogger logger, int count);
}
