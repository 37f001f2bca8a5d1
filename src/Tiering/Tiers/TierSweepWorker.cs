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

    /// <summary>
    /// Clients per transaction. Each holds an advisory lock until commit, in PostgreSQL's shared lock
    /// table (max_locks_per_transaction x max_connections slots, 6,400 with the defaults), so
    /// BatchSize x Concurrency must stay well below it. Measured on 2 cores, a million clients took 34 s
    /// with 1,000 and 32 s with 2,000 (bench/Tiering).
    /// </summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// Rounds running at once on a replica, each in its own transaction (as replicas do): while one
    /// waits for PostgreSQL, another applies the rules.
    /// </summary>
    public int Concurrency { get; set; } = 2;
}

/// <summary>
/// Runs the work that applies to every client: the monthly review (the only moment a tier goes
/// down) and the recalculation that moves ADA along the sliding window each day and applies a
/// new tier table version (each batch reads the current table). Clients are claimed in batches with FOR UPDATE SKIP LOCKED (<see cref="SweepClaims"/>)
/// and marked in the same transaction (the review time, the day calculated), so a restart or a
/// second replica carries on where the first stopped and each client is reviewed once per review.
/// </summary>
public sealed class TierSweepWorker(
    IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<SweepOptions> options, IOptions<ReviewSchedule> schedule,
    TimeProvider time, TieringTelemetry telemetry, ILogger<TierSweepWorker> logger) : DrainingWorker(database, logger)
{
    // Each loop's positions in the key order.
    private readonly SweepClaims[] claims = [.. Enumerable.Range(0, options.Value.Concurrency).Select(_ => new SweepClaims())];

    protected override TimeSpan Pause => options.Value.PollInterval;

    // Business time: tests move a fake clock past a review and the worker must notice.
    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "tier reviews and recalculations";

    /// <summary><see cref="SweepOptions.Concurrency"/> loops, each with claims of its own.</summary>
    protected override int Loops => claims.Length;

    // Loop 0 alone counts the tiers on its idle rounds: the count reads every client.
    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken) =>
        await SweepOnceAsync(claims[loop], countTiers: loop == 0, cancellationToken) >= options.Value.BatchSize;

    /// <summary>One batch of the due review, or else of today's recalculation; returns how many clients it claimed.</summary>
    /// <remarks>
    /// Set-based, a handful of round trips whatever the batch size: claim, try-lock, load every fact
    /// of the locked clients, apply the domain rules to each in memory, one UPDATE of their tiers,
    /// then history rows and outbox events (only clients whose tier or warnings changed have any),
    /// commit, and their Redis copies pipelined.
    /// </remarks>
    private async Task<int> SweepOnceAsync(SweepClaims claims, bool countTiers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reviewAt = schedule.Value.LatestAtOrBefore(now);
        var batch = options.Value.BatchSize;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        var tiers = scope.ServiceProvider.GetRequiredService<TierRecalculator>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A batch's facts are a few thousand index lookups; on a large table the planner turns them into parallel
        // bitmap scans, whose workers cost PostgreSQL more CPU than they save (measured at a million clients).
        await db.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
        var (review, claimed) = await claims.ClaimAsync(db, reviewAt, ShanghaiTime.DateOf(now), batch, cancellationToken);
        var locked = await SweepClaims.TryLockAsync(db, claimed, cancellationToken);
        var histories = await tiers.LoadHistoriesAsync([.. locked.Select(c => c.ClientId)], cancellationToken);
        var table = await tiers.CurrentTableAsync(cancellationToken);
        foreach (var client in locked)
        {
            if (review)
            {
                tiers.Review(client, histories[client.ClientId], table, reviewAt, schedule.Value.NextAfter(reviewAt));
            }
            else
            {
                tiers.Recalculate(client, histories[client.ClientId], table);
            }
        }

        await ClientTierRows.UpdateAsync(db, locked, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await tiers.CommittedAsync(CancellationToken.None); // the commit happened: its copies and counts follow even when the host stops
        if (countTiers && claimed.Count < batch)
        {
            // On idle rounds only: a full round is followed at once by the next.
            telemetry.Counted(await db.ClientTiers.GroupBy(c => c.Tier).Select(g => new { g.Key, Count = g.LongCount() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken));
        }

        return claimed.Count;
    }
}
