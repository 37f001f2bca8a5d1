using System.Data;
using Grpc.Core;
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
/// <remarks>
/// Fails closed: a snapshot not confirmed current for <see cref="FeedOptions.CatalogBound"/> (its refreshes keep
/// failing) is refused, since it may still hold a product re-rated above some clients' tolerance or an item withdrawn
/// since; every read answers UNAVAILABLE until a refresh succeeds.
/// </remarks>
public sealed partial class CatalogCache(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<FeedOptions> options, CatalogTelemetry telemetry, TimeProvider time,
    ILogger<CatalogCache> logger) : BackgroundService
{
    private readonly TaskCompletionSource<CatalogSnapshot> first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile CatalogSnapshot? current;
    private volatile bool refusing;

    /// <summary>
    /// The snapshot; before the first load completes, waits for it (a feed of an empty catalogue would be wrong).
    /// UNAVAILABLE when it was not confirmed current within the bound.
    /// </summary>
    public async ValueTask<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current ?? await first.Task.WaitAsync(cancellationToken);
        if (IsStale())
        {
            telemetry.Refused();
            throw new RpcException(new Status(StatusCode.Unavailable, "The content catalogue could not be confirmed current; retry later."));
        }

        return snapshot;
    }

    /// <summary>Reloads when the database's version differs from the snapshot's; after this replica's own edit, call it directly.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            // What the database holds at the start of the read is confirmed current once the read succeeds.
            var started = time.GetUtcNow();
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            // One snapshot of the three tables: a load that saw an edit's item but not its experiment would be a state
            // that never existed, and its version sum could still equal a real state's (other replicas would accept its copies).
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var version = await VersionAsync(db, cancellationToken);
            var loaded = current?.Version == version ? null : CatalogSnapshot.Build(
                await db.Items.AsNoTracking().ToListAsync(cancellationToken), await db.Segments.AsNoTracking().ToListAsync(cancellationToken),
                await db.Experiments.AsNoTracking().ToListAsync(cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            if (loaded is not null)
            {
                current = loaded;
                LogLoaded(logger, loaded.Version, loaded.Items.Count);
            }

            // Confirmed before the first snapshot is handed out, so the reads waiting for it do not find it unconfirmed.
            Confirmed(started);
            if (loaded is not null)
            {
                first.TrySetResult(loaded);
            }
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>True while reads are refused (never confirmed, or not within the bound); readiness reports it too.</summary>
    internal bool IsStale() => telemetry.ConfirmedAt is not { } at || time.GetUtcNow() - at > options.Value.CatalogBound();

    private void Confirmed(DateTimeOffset at)
    {
        if (telemetry.ConfirmedAt is not { } before || at > before)
        {
            telemetry.ConfirmedAt = at;
        }

        if (refusing)
        {
            refusing = false;
            LogRecovered(logger, current!.Version);
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
                if (current is { } held && IsStale() && !refusing)
                {
                    refusing = true;
                    LogRefusing(logger, held.Version, options.Value.CatalogBound());
                }
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

    [LoggerMessage(2, LogLevel.Warning, "Could not refresh the catalogue snapshot")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(3, LogLevel.Error,
        "Catalogue snapshot {Version} not confirmed current for over {Bound}: feeds and selections answer UNAVAILABLE until a refresh succeeds")]
    private static partial void LogRefusing(ILogger logger, long version, TimeSpan bound);

    [LoggerMessage(4, LogLevel.Warning, "Catalogue snapshot {Version} confirmed current again: serving feeds and selections")]
    private static partial void LogRecovered(ILogger logger, long version);
}
