using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Channels;
using Platform.Engagement.Events;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Outreach.Delivery;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// What one database holds about its clients' outreach, and the checks that none of it happened twice: per instance key
/// one decision event (OutreachDecided, as its outbox was given it), for a sent one exactly one inbox message (or advisor
/// task), at most one delivery, and at most one send to a provider.
/// </summary>
public static class OutreachLedger
{
    /// <summary>
    /// Makes the database copy every OutreachDecided its outbox is given (the relay deletes the rows it published): the
    /// decisions THIS database recorded, apart from those other test hosts publish for the same clients on the shared broker.
    /// </summary>
    public static async Task RememberDecisionsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.ExecuteSqlRawAsync(
            """
            CREATE TABLE IF NOT EXISTS test_outreach_decided (event_id uuid PRIMARY KEY, payload bytea NOT NULL);
            CREATE OR REPLACE FUNCTION test_remember_outreach_decided() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN
                    IF NEW.event_type = 'OutreachDecided' THEN
                        INSERT INTO test_outreach_decided VALUES (NEW.event_id, NEW.payload) ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NEW;
                END $$;
            CREATE OR REPLACE TRIGGER test_remember_outreach_decided AFTER INSERT ON outbox_messages
                FOR EACH ROW EXECUTE FUNCTION test_remember_outreach_decided();
            """);
    }

    public static Task<List<LedgerRow>> RowsAsync(EngagementDbContext db, IReadOnlyCollection<string> clients) =>
        db.Database.SqlQuery<LedgerRow>($"""
            SELECT i.instance_key AS "InstanceKey", i.client_id AS "ClientId", i.moment AS "Moment", i.decision AS "Decision",
                   i.reason AS "Reason", i.channel AS "Channel", i.decide_after AS "DecideAfter", i.decided_at AS "DecidedAt",
                   (SELECT count(*)::int FROM client_inbox m WHERE m.instance_key = i.instance_key) AS "InboxMessages",
                   (SELECT count(*)::int FROM outreach_deliveries d WHERE d.instance_key = i.instance_key) AS "Deliveries",
                   (SELECT count(*)::int FROM outreach_deliveries d WHERE d.instance_key = i.instance_key AND d.status = 'delivered') AS "DeliveriesDelivered",
                   (SELECT count(*)::int FROM advisor_tasks t WHERE t.instance_key = i.instance_key) AS "AdvisorTasks"
            FROM outreach_instances i WHERE i.client_id = ANY({clients.ToArray()})
            """).ToListAsync();

    /// <summary>The OutreachDecided events this database's outbox was given for the clients, by event id.</summary>
    public static async Task<Dictionary<Guid, OutreachDecided>> DecidedEventsAsync(EngagementDbContext db, IReadOnlyCollection<string> clients)
    {
        var rows = await db.Database.SqlQuery<DecidedCopy>($"SELECT event_id AS \"EventId\", payload AS \"Payload\" FROM test_outreach_decided").ToListAsync();
        var wanted = clients.ToHashSet(StringComparer.Ordinal);
        return rows.Select(r => (r.EventId, Event: OutreachDecided.Parser.ParseFrom(r.Payload))).Where(r => wanted.Contains(r.Event.ClientId))
            .ToDictionary(r => r.EventId, r => r.Event);
    }

    /// <summary>
    /// Every instance decided, and each at most once in every form an outreach takes: one OutreachDecided; a sent one
    /// exactly one inbox message (or advisor task for that channel), one delivery (delivered) for a provider's channel and
    /// one send to the provider under the inbox message's id; nothing for one not sent.
    /// </summary>
    public static void AssertEachOutreachOnce(IReadOnlyCollection<LedgerRow> rows, IReadOnlyDictionary<Guid, OutreachDecided> decided,
        IEnumerable<OutreachMessage> providerSends)
    {
        var sends = providerSends.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => g.Count());
        var events = decided.Values.ToLookup(e => e.InstanceKey, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var sent = row.Decision == OutreachDecisions.Sent;
            var task = sent && row.Channel == ChannelNames.AdvisorTask;
            var delivers = sent && DeliveryQueue.Delivers(row.Channel);
            Assert.True(row.Decision is not (OutreachDecisions.Pending or OutreachDecisions.Deferred), $"{row} is not decided");
            var rowEvents = events[row.InstanceKey].ToList();
            Assert.True(rowEvents.Count == 1 && rowEvents[0].Decision == row.Decision && rowEvents[0].Channel == row.Channel,
                $"{row} has {rowEvents.Count} OutreachDecided: {string.Join(", ", rowEvents.Select(e => $"{e.Decision}/{e.Reason} {e.Channel}"))}");
            Assert.True((row.InboxMessages, row.AdvisorTasks) == (sent && !task ? 1 : 0, task ? 1 : 0), $"{row}: wrong inbox messages or tasks");
            Assert.True((row.Deliveries, row.DeliveriesDelivered) == (delivers ? (1, 1) : (0, 0)), $"{row}: wrong deliveries");
            Assert.True(sends.GetValueOrDefault(DecisionRecorder.MessageIdOf(row.InstanceKey)) == (delivers ? 1 : 0),
                $"{row}: sent to the provider {sends.GetValueOrDefault(DecisionRecorder.MessageIdOf(row.InstanceKey))} time(s)");
        }

        // No decision, inbox message or send of an instance the database does not hold.
        var keys = rows.Select(r => r.InstanceKey).ToHashSet(StringComparer.Ordinal);
        Assert.All(decided.Values, e => Assert.Contains(e.InstanceKey, keys));
    }

    private sealed class DecidedCopy
    {
        public Guid EventId { get; init; }

        public required byte[] Payload { get; init; }
    }
}
