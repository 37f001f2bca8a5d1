using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Content.Feed;
using Platform.ServiceDefaults.Data;

namespace Platform.Content.Selection;

/// <summary>
/// The catalogue snapshot every read of this replica works from. Reloaded at once after an edit
/// made here, and when the database's catalogue version differs from the snapshot's (another
/// replica's edit), looked at every <see cref="FeedOptions.CatalogRefreshInterval"/>. A catalogue
/// edit touches no cached feed: each one carries the version it was worked out from and is redone
/// on its next read, so millions of feeds are not invalidated at once.
/// </summary>
public sealed partial class CatalogCache(IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<FeedOptions> options, TimeProvider time, ILogger<CatalogCache> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource<CatalogSnapshot> first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile CatalogSnapshot? current;

    /// <summary>The snapshot; before the first load completes, waits for it (a feed of an empty catalogue would be wrong).</summary>
    public ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken) =>
        current is { } snapshot ? ValueTask.FromResult(snapshot) : new ValueTask<CatalogSnapshot>(first.Task.WaitAsync(cancellationToken));

    /// <summary>Reloads when the database's version differs from the snapshot's; after this replica's own edit, call it directly.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            var version = await VersionAsync(db, cancellationToken);
            if (current?.Version == version)
            {
                return;
            }

            var snapshot = CatalogSnapshot.Build(
                await db.Items.AsNoTracking().ToListAsync(cancellationToken), await db.Segments.AsNoTracking().ToListAsync(cancellationToken),
                await db.Experiments.AsNoTracking().ToListAsync(cancellationToken));
            current = snapshot;
            first.TrySetResult(snapshot);
            LogLoaded(logger, snapshot.Version, snapshot.Items.Count);
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Item, segment and experiment versions only grow and rows are never deleted, so their sum names the catalogue's state.</summary>
    private static async Task<long> VersionAsync(ContentDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<long>(
            $"""
            SELECT (SELECT COALESCE(sum(version), 0) FROM content_items) + (SELECT COALESCE(sum(version), 0) FROM segments)
                + (SELECT COALESCE(sum(version), 0) FROM experiments) AS "Value"
            """)
            .ToListAsync(cancellationToken))[0];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex);
            }

            try
            {
                await Task.Delay(current is null ? TimeSpan.FromSeconds(1) : options.Value.CatalogRefreshInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Catalogue snapshot {Version} loaded: {Items} servable items")]
    private static partial void LogLoaded(ILogger logger, long version, int items);

    [LoggerMessage(2, LogLevel.Warning, "Could not refresh the catalogue snapshot; serving the one held")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
