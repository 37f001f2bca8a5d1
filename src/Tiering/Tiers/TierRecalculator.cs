using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Assets;

namespace Platform.Tiering.Tiers;

/// <summary>
/// Applies what is known of a client's assets to its tier, inside the caller's transaction (a
/// consumed event's): the client's advisory lock serialises it with every other writer of that
/// client, each outcome becomes history and an event in the outbox, and the cached tier is
/// refreshed after commit.
/// </summary>
public sealed class TierRecalculator(
    TieringDbContext db, TierTableStore tables, IOptions<TieringOptions> options, TimeProvider time, TierCache cache, AfterCommit afterCommit,
    TieringTelemetry telemetry)
{
    /// <summary>Serialises everything that changes one client, for the rest of the transaction.</summary>
    public Task LockAsync(string clientId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientId}, 0))", cancellationToken);

    /// <summary>Recalculates a client's ADA as of today (Shanghai) and applies it; nothing for a client not approved yet.</summary>
    public async Task RecalculateAsync(string clientId, CancellationToken cancellationToken)
    {
        // A client added in this transaction (its approval) is not in the database yet.
        var client = db.ClientTiers.Local.FirstOrDefault(c => c.ClientId == clientId)
            ?? await db.ClientTiers.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return; // facts wait for the approval, which recalculates
        }

        var table = await tables.GetCurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var ada = (await LoadHistoryAsync(clientId, cancellationToken))
            .AverageDailyAssets(ShanghaiTime.DateOf(now), options.Value.Calendar(), table.WindowDays);
        Record(client, client.Recalculate(ada, table, now));
        afterCommit.Add(ct => cache.RefreshAsync(client, table, ct));
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
