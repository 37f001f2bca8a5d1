using Platform.Engagement.Privacy;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;
using Platform.Onboarding.Events;

namespace Platform.Engagement.Timeline;

/// <summary>
/// Keeps each funnel step Onboarding reports; the inbox makes replays harmless. A step of an erased client (in flight
/// when the erasure came, or replayed) is dropped: under the client's lock, which the erasure takes too.
/// </summary>
public sealed class StepRecordedHandler(EngagementDbContext db, ErasedClients erased, TimeProvider time) : IEventHandler<StepRecorded>
{
    public async Task HandleAsync(StepRecorded message, EventContext context, CancellationToken cancellationToken)
    {
        await db.Database.LockClientAsync(message.ClientId, cancellationToken);
        if (await erased.IsErasedAsync(message.ClientId, cancellationToken))
        {
            return;
        }

        db.ObservedEvents.Add(new ObservedEvent
        {
            EventId = context.EventId,
            ClientId = message.ClientId,
            SourceTopic = context.Topic,
            EventType = context.EventType,
            Summary = message.Step,
            OccurredAt = message.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt,
            ReceivedAt = time.GetUtcNow(),
        });
    }
}
