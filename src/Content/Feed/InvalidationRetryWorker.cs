using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;

namespace Platform.Content.Feed;

/// <summary>
/// Writes the tombstones Redis missed (it was away when the profile changed) and keeps
/// <see cref="PendingInvalidations"/> true on every replica while any wait, so no replica serves a
/// copy that outlived its invalidation.
/// </summary>
public sealed partial class InvalidationRetryWorker(
    IServiceScopeFactory scopes, IDatabaseReadiness database, FeedCopies copies, PendingInvalidations pending, IOptions<FeedOptions> options, TimeProvider time,
    ILogger<InvalidationRetryWorker> logger) : BackgroundService
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
    /// One pass of the loop: reads the waiting requests (every replica bypasses their copies), then writes their
    /// tombstones until none is left or Redis refuses.
    /// </summary>
    public async Task RetryOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var read = pending.ReadStarting();
        var waiting = await db.Set<FeedInvalidation>().AsNoTracking().OrderBy(i => i.RequestedAt).Take(TrackedClients + 1)
            .Select(i => i.ClientId).ToListAsync(cancellationToken);
        pending.Stored(waiting.Take(TrackedClients), more: waiting.Count > TrackedClients, read);
        if (waiting.Count > 0 && await DrainAsync(db, cancellationToken) is > 0 and var written)
        {
            LogRetried(logger, written);
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
                .FromSql($"SELECT * FROM feed_invalidations ORDER BY requested_at LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking().ToListAsync(cancellationToken);
            if (batch.Count == 0
                || !await FeedInvalidations.WriteAsync(db, copies, [.. batch.Select(i => (i.ClientId, i.Version))], options.Value.CopyTimeToLive, cancellationToken))
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
}
