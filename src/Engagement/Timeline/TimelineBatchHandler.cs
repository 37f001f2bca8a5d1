using Platform.Engagement.Privacy;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Events;

namespace Platform.Engagement.Timeline;

/// <summary>
/// Keeps each funnel step Onboarding reports, a poll's worth per transaction (one transaction and commit per step was most
/// of this group's cost in the bench); the inbox makes replays harmless. A step of an erased client (in flight when the
/// erasure came, or replayed) is dropped: under the clients' locks, taken in one statement in a fixed order, which the
/// erasure takes too.
/// </summary>
public sealed class TimelineBatchHandler(EngagementDbContext db, ErasedClients erased, TimeProvider time) : IEventBatchHandler
{
    public async Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken)
    {
        var steps = events.Select(e => (Step: (StepRecorded)e.Message, e.Context)).ToList();
        var clients = steps.Select(s => s.Step.ClientId).Distinct(StringComparer.Ordinal).ToList();
        await db.Database.LockClientsAsync(clients, cancellationToken);
        var gone = await erased.AmongAsync(clients, cancellationToken);
        var receivedAt = time.GetUtcNow();
        db.ObservedEvents.AddRange(steps.Where(s => !gone.Contains(s.Step.ClientId)).Select(s => new ObservedEvent
        {
            EventId = s.Context.EventId,
            ClientId = s.Step.ClientId,
            SourceTopic = s.Context.Topic,
            EventType = s.Context.EventType,
            Summary = s.Step.Step,
            OccurredAt = s.Step.OccurredAt?.ToDateTimeOffset() ?? s.Context.OccurredAt,
            ReceivedAt = receivedAt,
        }));
    }
}
