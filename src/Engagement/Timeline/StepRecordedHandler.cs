using Platform.Messaging.Consuming;
using Platform.Onboarding.Events;

namespace Platform.Engagement.Timeline;

/// <summary>Keeps each funnel step Onboarding reports; the inbox makes replays harmless.</summary>
public sealed class StepRecordedHandler(EngagementDbContext db, TimeProvider time) : IEventHandler<StepRecorded>
{
    public Task HandleAsync(StepRecorded message, EventContext context, CancellationToken cancellationToken)
    {
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
        return Task.CompletedTask;
    }
}
