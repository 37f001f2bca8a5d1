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
    private const int BatchSize = 500;

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

    /// <summary>One pass of the loop: reads the waiting requests (every replica bypasses their copies) and writes a batch of tombstones.</summary>
    public async Task RetryOnceAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        var waiting = await db.Set<FeedInvalidation>().AsNoTracking().OrderBy(i => i.RequestedAt).Take(TrackedClients + 1)
            .Select(i => new { i.ClientId, i.Version }).ToListAsync(cancellationToken);
        pending.Stored(waiting.Take(TrackedClients).Select(w => w.ClientId), more: waiting.Count > TrackedClients);
        if (waiting.Count == 0)
        {
            return;
        }

        if (await FeedInvalidations.WriteAsync(db, copies, [.. waiting.Take(BatchSize).Select(w => (w.ClientId, w.Version))], options.Value.CopyTimeToLive, cancellationToken))
        {
            LogRetried(logger, waiting.Count);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Could not look for feed invalidations Redis missed; feeds are not cached until it works again")]
    private static partial void LogRetryFailed(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Wrote {Count} feed invalidations Redis had missed")]
    private static partial void LogRetried(ILogger logger, int count);
}
