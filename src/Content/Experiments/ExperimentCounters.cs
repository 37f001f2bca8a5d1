using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Events;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.Messaging.Postgres;

namespace Platform.Content.Experiments;

/// <summary>
/// Records first exposures and counted conversions, each with its running total and its event on
/// content.events, in the caller's transaction. Both directions meet: an exposure counts a
/// conversion dated ahead that arrived before it, a conversion counts against an exposure already
/// there. Both first take the (experiment, client) advisory lock: under READ COMMITTED two overlapping
/// transactions would each miss the other's uncommitted row, and the conversion would never count.
/// </summary>
public sealed class ExperimentCounters(ContentDbContext db)
{
    public const int Slots = 16;

    // As the status column stores it (the enum's name).
    private static readonly string Running = nameof(ExperimentStatus.Running);

    /// <summary>
    /// Records the client's first exposure to each arm's experiment; later exposures change nothing, and so does one of an
    /// experiment the database no longer held running at <paramref name="now"/> (a replica whose snapshot predates the stop;
    /// an outreach decided after it), as draws do, and so
    /// does any of an erased client: under the client's lock, which the erasure takes, its tombstone is seen or the
    /// erasure's deletes come after.
    /// </summary>
    /// <param name="now">The time of writing.</param>
    /// <param name="exposedAt">When the client was exposed, <paramref name="now"/> by default (a feed read); an outreach's
    /// decision time, which Content learns later.</param>
    public async Task ExposedAsync(string clientId, IEnumerable<(Experiment Experiment, string Variant, string ItemId)> arms, DateTimeOffset now,
        CancellationToken cancellationToken, DateTimeOffset? exposedAt = null)
    {
        var at = exposedAt ?? now;
        // The client's lock before the (experiment, client) ones, as conversions take them.
        await db.Database.LockClientAsync(clientId, cancellationToken);
        // In key order, so that two reads of one client never take the same locks in opposite orders.
        foreach (var (experiment, variant, itemId) in arms.OrderBy(a => a.Experiment.Key, StringComparer.Ordinal))
        {
            await LockAsync(experiment.Key, clientId, cancellationToken);
            var first = await db.Database.SqlQuery<DateTimeOffset>(
                $"""
                INSERT INTO experiment_exposures (experiment_key, client_id, variant, item_id, first_exposed_at)
                SELECT {experiment.Key}, {clientId}, {variant}, {itemId}, {at}
                FROM experiments x WHERE x.key = {experiment.Key} AND (x.status = {Running} OR x.stopped_at >= {at})
                  AND NOT EXISTS (SELECT 1 FROM erased_clients WHERE client_id = {clientId})
                ON CONFLICT DO NOTHING RETURNING first_exposed_at AS "Value"
                """).ToListAsync(cancellationToken);
            if (first.Count == 0)
            {
                continue;
            }

            await AddAsync(experiment.Key, variant, clientId, exposures: 1, conversions: 0, cancellationToken);
            db.AddOutboxEvent(Topics.ContentEvents, clientId, new ExposureRecorded
            {
                ClientId = clientId, ExperimentKey = experiment.Key, Variant = variant, ItemId = itemId, OccurredAt = Timestamp.FromDateTimeOffset(at),
            }, now, occurredAt: at);
            var earlier = await db.Database.SqlQuery<DateTimeOffset>(
                $"""
                SELECT min(occurred_at) AS "Value" FROM experiment_conversions
                WHERE experiment_key = {experiment.Key} AND client_id = {clientId}
                  AND occurred_at >= {at} AND occurred_at <= {at + experiment.ConversionWindow}
                HAVING min(occurred_at) IS NOT NULL
                """).ToListAsync(cancellationToken);
            if (earlier.Count > 0)
            {
                await ConvertedAsync(experiment.Key, clientId, earlier[0], now, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Stores a reported conversion once per (client, experiment, event id) and counts it when it can. A replay with the
    /// same reported occurredAt is a duplicate, one with another occurredAt a conflict; neither changes anything. One that
    /// can never count is not stored: the client was not exposed, holds no variant and it is not dated ahead of
    /// <paramref name="now"/>, so any first exposure, recorded later at its own now, starts after it (a client app's is
    /// always dated now). A client that holds a variant but no exposure yet may have been sent its outreach words: that
    /// exposure reaches Content later (Engagement's outbox, Kafka, a poll) dated back at the decision, and counts the
    /// conversions kept meanwhile.
    /// </summary>
    /// <param name="occurredAt">When it counts as having happened.</param>
    /// <param name="reportedAt">The occurredAt the caller sent, which a replay must repeat.</param>
    public async Task<ConversionOutcome> ConversionAsync(string experimentKey, string clientId, Guid eventId, DateTimeOffset occurredAt,
        DateTimeOffset reportedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Under the lock, an exposure being recorded has committed or not yet begun to write. One that writes after this is
        // dated at its own now, taken a moment before its lock: a conversion dated within that moment coincided with the
        // first exposure (the feed was not yet answered, so did not cause it), and is not kept.
        await LockAsync(experimentKey, clientId, cancellationToken);
        if (occurredAt <= now && !await db.Set<ExperimentExposure>().AnyAsync(e => e.ExperimentKey == experimentKey && e.ClientId == clientId, cancellationToken)
            && !await db.Set<ExperimentAssignment>().AnyAsync(a => a.ExperimentKey == experimentKey && a.ClientId == clientId, cancellationToken))
        {
            // A replay of one stored while it was dated ahead still answers as a replay.
            return await ReplayOfAsync(experimentKey, clientId, eventId, reportedAt, cancellationToken) ?? ConversionOutcome.NotStored;
        }

        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO experiment_conversions (client_id, experiment_key, event_id, occurred_at, reported_at, received_at)
            VALUES ({clientId}, {experimentKey}, {eventId}, {occurredAt}, {reportedAt}, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            return (await ReplayOfAsync(experimentKey, clientId, eventId, reportedAt, cancellationToken))!.Value;
        }

        return await ConvertedAsync(experimentKey, clientId, occurredAt, now, cancellationToken) ? ConversionOutcome.Counted : ConversionOutcome.Stored;
    }

    /// <summary>Duplicate or Conflicting when this event id is stored for the client and experiment; null when it is not.</summary>
    private async Task<ConversionOutcome?> ReplayOfAsync(string experimentKey, string clientId, Guid eventId, DateTimeOffset reportedAt,
        CancellationToken cancellationToken)
    {
        var stored = await db.Set<ExperimentConversion>().AsNoTracking()
            .Where(c => c.ClientId == clientId && c.ExperimentKey == experimentKey && c.EventId == eventId)
            .Select(c => (DateTimeOffset?)c.ReportedAt).SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : stored == reportedAt ? ConversionOutcome.Duplicate : ConversionOutcome.Conflicting;
    }

    /// <summary>
    /// Counts a conversion when the client was exposed, it falls in the window and not after the experiment's stop, and
    /// none was counted yet; true when counted. The caller holds the (experiment, client) lock.
    /// </summary>
    private async Task<bool> ConvertedAsync(string experimentKey, string clientId, DateTimeOffset occurredAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var variant = await db.Database.SqlQuery<string>(
            $"""
            UPDATE experiment_exposures e SET converted_at = {occurredAt}
            FROM experiments x
            WHERE e.experiment_key = {experimentKey} AND e.client_id = {clientId} AND e.converted_at IS NULL AND x.key = e.experiment_key
              AND {occurredAt} >= e.first_exposed_at AND {occurredAt} <= e.first_exposed_at + x.conversion_window
              AND (x.stopped_at IS NULL OR {occurredAt} <= x.stopped_at)
            RETURNING e.variant AS "Value"
            """).ToListAsync(cancellationToken);
        if (variant.Count == 0)
        {
            return false;
        }

        await AddAsync(experimentKey, variant[0], clientId, exposures: 0, conversions: 1, cancellationToken);
        db.AddOutboxEvent(Topics.ContentEvents, clientId, new ConversionRecorded
        {
            ClientId = clientId, ExperimentKey = experimentKey, Variant = variant[0], OccurredAt = Timestamp.FromDateTimeOffset(occurredAt),
        }, now, occurredAt);
        return true;
    }

    // Neither an experiment key nor a client id holds a newline, so the pair is one unambiguous string.
    private Task LockAsync(string experimentKey, string clientId, CancellationToken cancellationToken) =>
        db.Database.LockAsync(LockFamily.ContentExperimentClient, $"{experimentKey}\n{clientId}", cancellationToken);

    private Task AddAsync(string experimentKey, string variant, string clientId, int exposures, int conversions, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO experiment_counts AS c (experiment_key, variant, slot, exposures, conversions)
            VALUES ({experimentKey}, {variant}, {SlotOf(clientId)}, {exposures}, {conversions})
            ON CONFLICT (experiment_key, variant, slot) DO UPDATE
            SET exposures = c.exposures + excluded.exposures, conversions = c.conversions + excluded.conversions
            """, cancellationToken);

    private static short SlotOf(string clientId)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(clientId), hash);
        return (short)(BinaryPrimitives.ReadUInt16BigEndian(hash) % Slots);
    }
}
