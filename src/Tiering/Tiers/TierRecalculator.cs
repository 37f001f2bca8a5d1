using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging.Envelope;
using Platform.Messaging;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Assets;
using Amount = Platform.Tiering.Events.Amount;

namespace Platform.Tiering.Tiers;

/// <summary>
/// Applies what is known of a client's assets to its tier, inside the caller's transaction (a
/// consumed event's or a sweep's): the client's advisory lock serialises it with every other
/// writer of that client, each outcome becomes history and an event in the outbox, and the
/// caller refreshes the cached tiers and counts the changes after commit (<see cref="CommittedAsync"/>).
/// </summary>
public sealed class TierRecalculator(
    TieringDbContext db, TierTableStore tables, IOptions<TieringOptions> options, TimeProvider time, TierCache cache, TieringTelemetry telemetry)
{
    private readonly List<(ClientTier Client, TierTable Table)> touched = [];
    private readonly List<TierChanged> uncounted = [];

    // One per unit of work: it keeps the window of trading days it last computed for the next client.
    private readonly TradingCalendar calendar = options.Value.Calendar();

    /// <summary>Recalculates a client's ADA as of today (Shanghai) and applies it; nothing for a client not approved yet.</summary>
    public async Task RecalculateAsync(string clientId, CancellationToken cancellationToken)
    {
        // A client added in this transaction (its approval) is not in the database yet.
        var client = db.ClientTiers.Local.FirstOrDefault(c => c.ClientId == clientId)
            ?? await db.ClientTiers.FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is not null)
        {
            var histories = await LoadHistoriesAsync([clientId], cancellationToken);
            Recalculate(client, histories[clientId], await tables.GetCurrentAsync(cancellationToken));
        }
    }


    /// <summary>Every stored fact of each client, in one round trip (see <see cref="AssetFacts"/>).</summary>
    public Task<IReadOnlyDictionary<string, AssetHistory>> LoadHistoriesAsync(IReadOnlyCollection<string> clientIds, CancellationToken cancellationToken) =>
        AssetFacts.LoadAsync(db, clientIds, cancellationToken);

    /// <summary>Recalculates a client as of today from facts already loaded, against <paramref name="table"/>.</summary>
    public void Recalculate(ClientTier client, AssetHistory history, TierTable table)
    {
        var now = time.GetUtcNow();
        Apply(client, history, table, now, ada => client.Recalculate(ada, table, now, UpgradeReason(client, table)));
    }

    /// <summary>
    /// The review at <paramref name="reviewAt"/>, with ADA as of today: on time that is the review's
    /// day; a review caught up late (after an outage) decides on what is known now.
    /// </summary>
    public void Review(ClientTier client, AssetHistory history, TierTable table, DateTimeOffset reviewAt, DateTimeOffset nextReviewAt) =>
        Apply(client, history, table, time.GetUtcNow(),
            ada => client.Review(ada, table, reviewAt, nextReviewAt, UpgradeReason(client, table)));

    /// <summary>
    /// The current tier table, read now: a batch of a sweep set off by a new version applies that version, instead of
    /// recalculating clients against the cached old one (which leaves them due, to be done again when the cache expires).
    /// </summary>
    public Task<TierTable> CurrentTableAsync(CancellationToken cancellationToken) => tables.ReadCurrentAsync(cancellationToken);

    /// <summary>An upgrade the client owes to a table newer than its last calculation's is the table's doing.</summary>
    private static string UpgradeReason(ClientTier client, TierTable table) =>
        client.TableVersion != 0 && client.TableVersion < table.Version ? TierChangeReasons.ThresholdsChanged : TierChangeReasons.Upgrade;

    /// <summary>
    /// Call after commit: refreshes the cached tier of every client this unit of work changed, in one
    /// pipelined write, and counts its tier changes (a unit of work rolled back and retried counts once).
    /// </summary>
    public async Task CommittedAsync(CancellationToken cancellationToken)
    {
        foreach (var change in uncounted)
        {
            telemetry.Changed(change);
        }

        uncounted.Clear();
        await cache.RefreshAsync(touched);
        touched.Clear();
    }

    private void Apply(ClientTier client, AssetHistory history, TierTable table, DateTimeOffset now,
        Func<decimal, IReadOnlyList<TierOutcome>> decide)
    {
        var today = ShanghaiTime.DateOf(now);
        Record(client, decide(history.AverageDailyAssets(today, calendar, table.WindowDays)));
        client.MarkCalculated(today, table.Version);
        touched.Add((client, table));
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
                        AverageDailyAssets = changed.AverageDailyAssets.ToExact<Amount>(), Journey = changed.To.JourneyOf().ToWireName(), OccurredAt = at,
                    }, outcome);
                    uncounted.Add(changed);
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
                ClientId = client.ClientId, Tier = warned.Tier.ToString(), AverageDailyAssets = warned.AverageDailyAssets.ToExact<Amount>(),
                ReviewAt = Timestamp.FromDateTimeOffset(warned.ReviewAt), OccurredAt = at,
            },
            DowngradeWarningCleared cleared => new Events.DowngradeWarningCleared
            {
                ClientId = client.ClientId, Tier = cleared.Tier.ToString(), AverageDailyAssets = cleared.AverageDailyAssets.ToExact<Amount>(), OccurredAt = at,
            },
            NearNextTier near => new Events.NearNextTier
            {
                ClientId = client.ClientId, Tier = near.Tier.ToString(), NextTier = near.Next.ToString(),
                AverageDailyAssets = near.AverageDailyAssets.ToExact<Amount>(), AmountToNextTier = near.AmountToNext.ToExact<Amount>(), OccurredAt = at,
            },
            _ => throw new InvalidOperationException($"No event for {outcome.GetType().Name}."),
        };
        Publish(client, message, outcome);
    }

    private void Publish(ClientTier client, Google.Protobuf.IMessage message, TierOutcome outcome) =>
        db.AddOutboxEvent(Topics.TieringEvents, client.ClientId, message, time.GetUtcNow(), outcome.At);
}
