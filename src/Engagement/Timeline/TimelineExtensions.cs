using Platform.Messaging;
using Platform.Onboarding.Events;

namespace Platform.Engagement.Timeline;

public static class TimelineExtensions
{
    public const string ConsumerGroup = "engagement";

    public static MessagingBuilder AddTimeline(this MessagingBuilder messaging)
    {
        messaging.AddConsumer<EngagementDbContext>(ConsumerGroup, consumer => consumer
            .HandleInBatches<StepRecorded, TimelineBatchHandler>(Topics.OnboardingEvents));
        return messaging;
    }

    public static IEndpointRouteBuilder MapTimeline(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<TimelineGrpcService>();
        return endpoints;
    }
}
