using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Events;
using Platform.Engagement.Lifecycle;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>Publishes lifecycle events to a running Engagement and reads back the client states and the StageChanged it published.</summary>
public sealed class LifecycleDriver(ServiceFactory<EngagementDbContext> service, string bootstrapServers, params FakeTimeProvider[] clocks)
{
    public static string NewClientId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// Publishes the envelopes, each on its own topic, in their order within each topic: the order across topics is the
    /// consumer's anyway (one producer per topic, not per event: a producer's start costs more than its messages).
    /// </summary>
    public async Task PublishAsync(IEnumerable<(string Topic, EventEnvelope Envelope)> events)
    {
        foreach (var topic in events.GroupBy(e => e.Topic))
        {
            await KafkaMessages.ProduceAsync(bootstrapServers, topic.Key, topic.Select(e => e.Envelope));
        }
    }

    /// <summary>Publishes new envelopes of the events for the client; returns them.</summary>
    public async Task<List<EventEnvelope>> PublishAsync(string clientId, params TestEvent[] events)
    {
        var published = events.Select(e => (e.Topic, Envelope: e.Envelope(clientId))).ToList();
        await PublishAsync(published);
        return published.Select(p => p.Envelope).ToList();
    }

    public async Task<ClientState?> StateAsync(string clientId)
    {
        using var scope = service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().ClientStates.AsNoTracking()
            .SingleOrDefaultAsync(s => s.ClientId == clientId);
    }

    /// <summary>
    /// Waits until the client's state satisfies <paramref name="condition"/>; with fake clocks (one per replica), moves them a
    /// second per look so that the sweepers' pauses (on those clocks) end.
    /// </summary>
    public async Task<ClientState> WaitForAsync(string clientId, Func<ClientState, bool> condition, string what)
    {
        ClientState? state = null;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            state = await StateAsync(clientId);
            if (state is not null && condition(state))
            {
                return true;
            }

            foreach (var clock in clocks)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            return false;
        }, TimeSpan.FromSeconds(60), $"{what} for client {clientId}");
        return state!;
    }

    public Task<ClientState> WaitForStageAsync(string clientId, string stage) => WaitForAsync(clientId, s => s.Stage == stage, "stage " + stage);

    /// <summary>Approves the client at <paramref name="approvedAt"/> and funds it a day later, one stage at a time (S2, then S3).</summary>
    public async Task ApproveAndFundAsync(string clientId, DateTimeOffset approvedAt)
    {
        await PublishAsync(clientId, LifecycleEvents.Approved(approvedAt));
        await WaitForStageAsync(clientId, "S2");
        await PublishAsync(clientId, LifecycleEvents.Funded(approvedAt, approvedAt.AddDays(1)));
        await WaitForStageAsync(clientId, "S3");
    }

    /// <summary>Waits until the consumer's inbox holds every one of the events (handled, or dead-lettered: not applied).</summary>
    public async Task WaitUntilHandledAsync(IEnumerable<EventEnvelope> envelopes)
    {
        var ids = envelopes.Select(e => e.EventId).Distinct().ToArray();
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            var handled = await db.Database.SqlQuery<int>($"SELECT count(DISTINCT event_id)::int AS \"Value\" FROM inbox_messages WHERE event_id = ANY({ids}) AND consumer LIKE {LifecycleExtensions.ConsumerGroup + "%"}").SingleAsync();
            return handled == ids.Length;
        }, TimeSpan.FromSeconds(60), $"{ids.Length} event(s) handled");
    }

    /// <summary>
    /// Makes the database remember the id of every event its outbox is given (the relay deletes the rows it published). Every
    /// Engagement host of the test run consumes every client's events from the shared broker, each into its own database, and
    /// publishes its own StageChanged for them: what this host published is what carries one of these ids.
    /// </summary>
    public async Task RememberOutboxAsync()
    {
        using var scope = service.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database.ExecuteSqlRawAsync(
            """
            CREATE TABLE IF NOT EXISTS test_outbox_ids (event_id uuid PRIMARY KEY);
            CREATE OR REPLACE FUNCTION test_remember_outbox() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN INSERT INTO test_outbox_ids VALUES (NEW.event_id) ON CONFLICT DO NOTHING; RETURN NEW; END $$;
            CREATE OR REPLACE TRIGGER test_remember_outbox AFTER INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION test_remember_outbox();
            """);
    }

    /// <summary>
    /// Every StageChanged this host published for the client so far (<see cref="RememberOutboxAsync"/>), in order, each as
    /// often as it is on the topic: read once the outbox has no row of the client left, so that "exactly once" means what
    /// the relay delivered.
    /// </summary>
    public async Task<List<(string From, string To, string Reason)>> StageChangesAsync(string clientId)
    {
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            return await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM outbox_messages WHERE message_key = {clientId}").SingleAsync() == 0;
        }, TimeSpan.FromSeconds(60), $"the outbox of client {clientId} published");
        HashSet<string> ours;
        using (var scope = service.Services.CreateScope())
        {
            var ids = await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().Database
                .SqlQuery<Guid>($"SELECT event_id AS \"Value\" FROM test_outbox_ids").ToListAsync();
            ours = ids.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        }

        var messages = await KafkaMessages.ConsumeAllAsync(bootstrapServers, Topics.EngagementEvents, TimeSpan.FromSeconds(60),
            m => m.Key == clientId && m.Header(EnvelopeHeaders.EventType) == nameof(StageChanged) && ours.Contains(m.Header(EnvelopeHeaders.EventId) ?? ""));
        return messages.Select(m => StageChanged.Parser.ParseFrom(m.Value)).Select(s => (s.FromStage, s.ToStage, s.Reason)).ToList();
    }
}
