using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Assets;

namespace Platform.Tiering.Tiers;

/// <summary>
/// Applies what is known of a client's assets to its tier, inside the caller's transaction (a
/// consumed event's or a sweep's): the client's advisory lock serialises it with every other
/// writer of that client, each outcome becomes history and an event in the outbox, and the
/// caller refreshes the cached tiers after commit (<see cref="RefreshCachesAsync"/>).
/// </summary>
public sealed class TierRecalculator(
    TieringDbContext db, TierTableStore tables, IOptions<TieringOptions> options, TimeProvider time, TierCache cache, TieringTelemetry telemetry)
{
    private readonly List<(ClientTier Client, TierTable Table)> touched = [];

    /// <summary>Serialises everything that changes one client, for the rest of the transaction.</summary>
    public Task LockAsync(string clientId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientId}, 0))", cancellationToken);

    /// <summary>Recalculates a client's ADA as of today (Shanghai) and applies it; nothing for a client not approved yet.</summary>
    public async Task RecalculateAsync(string clientId, CancellationToken cancellationToken)
    {
        // A client added in this transaction (its approval) is not in the database yet.
        var client = db.ClientTiers.Local.FirstOrDefault(c => c.ClientId == clientId)
            ?? await db.ClientTiers.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is not null)
        {
            await RecalculateAsync(client, cancellationToken);
        }
    }

    /// <summary>Recalculates a loaded (tracked) client as of today.</summary>
    public Task RecalculateAsync(ClientTier client, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ApplyAsync(client, now, (ada, table) => client.Recalculate(ada, table, now, UpgradeReason(client, table)), cancellationToken);
    }

    /// <summary>
    /// The review at <paramref name="reviewAt"/>, with ADA as of today: on time that is the review's
    /// day; a review caught up late (after an outage) decides on what is known now.
    /// </summary>
    public Task ReviewAsync(ClientTier client, DateTimeOffset reviewAt, DateTimeOffset nextReviewAt, CancellationToken cancellationToken) =>
        ApplyAsync(client, time.GetUtcNow(), (ada, table) => client.Review(ada, table, reviewAt, nextReviewAt, UpgradeReason(client, table)),
            cancellationToken);

    /// <summary>An upgrade the client owes to a table newer than its last calculation's is the table's doing.</summary>
    private static string UpgradeReason(ClientTier client, TierTable table) =>
        client.TableVersion != 0 && client.TableVersion < table.Version ? TierChangeReasons.ThresholdsChanged : TierChangeReasons.Upgrade;

    /// <summary>Refreshes the cached tier of every client this unit of work changed; call after commit.</summary>
    public async Task RefreshCachesAsync(CancellationToken cancellationToken)
    {
        foreach (var (client, table) in touched)
        {
            await cache.RefreshAsync(client, table, cancellationToken);
        }
    }

    private async Task ApplyAsync(ClientTier client, DateTimeOffset asOf, Func<decimal, TierTable, IReadOnlyList<TierOutcome>> decide,
        CancellationToken cancellationToken)
    {
        var table = await tables.GetCurrentAsync(cancellationToken);
        var day = ShanghaiTime.DateOf(asOf);
        var ada = (await LoadHistoryAsync(client.ClientId, cancellationToken)).AverageDailyAssets(day, options.Value.Calendar(), table.WindowDays);
        Record(client, decide(ada, table));
        client.MarkCalculated(ShanghaiTime.DateOf(time.GetUtcNow()), table.Version);
        touched.Add((client, table));
    }

    /// <summary>Every fact of the client. A year is about 250 snapshots; retention beyond the window is future work.</summary>
    private async Task<AssetHistory> LoadHistoryAsync(string clientId, CancellationToken cancellationToken)
    {
        var history = new AssetHistory();
        foreach (var snapshot in await db.Set<AssetSnapshotRow>().AsNoTracking().Where(s => s.ClientId == clientId).ToListAsync(cancellationToken))
        {
            history.Record(snapshot.ToSnapshot());
        }

        foreach (var flow in await db.Set<AssetFlowRow>().AsNoTracking().Where(f => f.ClientId == clientId).ToListAsync(cancellationToken))
        {
            history.Record(flow.ToFlow());
        }

        return history;
    }

    /// <summary>History rows and events for the outcomes of one decision.</summary>
    public void Record(ClientTier client, IReadOnlyList<TierOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            var at = Timestamp.FromDateTimeOffset(outcome.At);
            switch (outcome)
            {
                case TierChanged changed:
                    db.TierHistory.Add(new TierHistoryEntry
                    {
                        ClientId = client.ClientId, From = changed.From, To = changed.To, Reason = changed.Reason,
                        AverageDailyAssets = changed.AverageDailyAssets, At = changed.At,
                    });
                    Publish(client, new Events.TierChanged
                    {
                        ClientId = client.ClientId, FromTier = changed.From.ToString(), ToTier = changed.To.ToString(), Reason = changed.Reason,
                        AverageDailyAssets = changed.AverageDailyAssets.ToAmount(), Journey = changed.To.JourneyOf().ToWireName(), OccurredAt = at,
                    }, outcome);
                    telemetry.Changed(changed);
                    break;
                default:
                    PublishOther(client, outcome, at);
                    break;
            }
        }
    }

    private void PublishOther(ClientTier client, TierOutcome outcome, Timestamp at)
    {
        Google.Protobuf.IMessage message = outcome switch
        {
            DowngradeWarned warned => new Events.DowngradeWarned
            {
                ClientId = client.ClientId, Tier = warned.Tier.ToString(), AverageDailyAssets = warned.AverageDailyAssets.ToAmount(),
                ReviewAt = Timestamp.FromDateTimeOffset(warned.ReviewAt), OccurredAt = at,
            },
            DowngradeWarningCleared cleared => new Events.DowngradeWarningCleared
            {
                ClientId = client.ClientId, Tier = cleared.Tier.ToString(), AverageDailyAssets = cleared.AverageDailyAssets.ToAmount(), OccurredAt = at,
            },
            NearNextTier near => new Events.NearNextTier
            {
                ClientId = client.ClientId, Tier = near.Tier.ToString(), NextTier = near.Next.ToString(),
                AverageDailyAssets = near.AverageDailyAssets.ToAmount(), AmountToNextTier = near.AmountToNext.ToAmount(), OccurredAt = at,
            },
            _ => throw new InvalidOperationException($"No event for {outcome.GetType().Name}."),
        };
        Publish(client, message, outcome);
    }

    private void Publish(ClientTier client, Google.Protobuf.IMessage message, TierOutcome outcome) =>
        db.AddOutboxEvent(Topics.TieringEvents, client.ClientId, message, time.GetUtcNow(), outcome.At);
}
