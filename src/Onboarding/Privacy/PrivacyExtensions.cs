using Platform.Engagement.Events;
using Platform.Messaging;

namespace Platform.Onboarding.Privacy;

public static class PrivacyExtensions
{
    /// <summary>A group of its own: erasures are never held up behind a backlog of deposits or exposures.</summary>
    public const string ConsumerGroup = "onboarding-privacy";

    public static MessagingBuilder AddPrivacy(this MessagingBuilder messaging) =>
        messaging.AddConsumer<OnboardingDbContext>(ConsumerGroup, consumer => consumer
            .Handle<ClientErased, ClientErasedHandler>(Topics.EngagementEvents));
}
