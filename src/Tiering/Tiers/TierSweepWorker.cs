using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Time;

namespace Platform.Tiering.Tiers;

/// <summary>Section <c>Tiering:Sweep</c>.</summary>
public sealed class SweepOptions
{
    /// <summary>How often a replica looks for a due review or recalculation; a review starts at most this late.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Clients per transaction.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Runs the work that applies to every client: the monthly review (the only moment a tier goes
/// down) and the recalculation that moves ADA along the sliding window each day and applies a
/// new tier table version (a replica still caching the old version leaves the client to be
/// claimed again). Clients are
/// claimed in batches with FOR UPDATE SKIP LOCKED and marked in the same transaction (the review
/// time, the day calculated), so a restart or a second replica carries on where the first
/// stopped and each client is reviewed once per review.
/// </summary>
public sealed class TierSweepWorker(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<SweepOptions> options, IOptions<ReviewSchedule> schedule,
    TimeProvider time, TieringTelemetry telemetry, ILogger<TierSweepWorker> logger) : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.Value.PollInterval;

    // Business time: tests move a fake clock past a review and the worker must notice.
    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "tier reviews and recalculations";

    protected override async Task<bool> DrainOnceAsync(CancellationToken cancellationToken) =>
        await SweepOnceAsync(cancellationToken) >= options.Value.BatchSize;

    /// <summary>One batch of the due review, or else of today's recalculation; returns how many clients it claimed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reviewAt = schedule.Value.LatestAtOrBefore(now);
        var today = ShanghaiTime.DateOf(now);
        var batch = options.Value.BatchSize;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        var tiers = scope.ServiceProvider.GetRequiredService<TierRecalculator>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reviews = await db.ClientTiers.FromSqlInterpolated($"""
            SELECT * FROM client_tiers WHERE approved_at < {reviewAt} AND (last_review_at IS NULL OR last_review_at < {reviewAt})
            ORDER BY client_id LIMIT {batch} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var claimed = reviews.Count > 0 ? reviews : await db.ClientTiers.FromSqlInterpolated($"""
            SELECT * FROM client_tiers
            WHERE calculated_on IS NULL OR calculated_on < {today} OR table_version < (SELECT max(version) FROM tier_tables)
            ORDER BY client_id LIMIT {batch} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);

        foreach (var client in claimed)
        {
            // A consumer holding the client's lock is applying an event: leave the client to the next round.
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock(hashtextextended({client.ClientId}, 0)) AS \"Value\"")
                    .SingleAsync(cancellationToken))
            {
                continue;
            }

            if (reviews.Count > 0)
            {
                await tiers.ReviewAsync(client, reviewAt, schedule.Value.NextAfter(reviewAt), cancellationToken);
            }
            else
            {
                await tiers.RecalculateAsync(client, cancellationToken);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await tiers.RefreshCachesAsync(cancellationToken);
        if (claimed.Count < batch)
        {
            // On idle rounds only: a full round is followed at once by the next.
            telemetry.Counted(await db.ClientTiers.GroupBy(c => c.Tier).Select(g => new { g.Key, Count = g.LongCount() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken));
        }

        return claimed.Count;
    }
}
