using Platform.Engagement.Events;
using Platform.Messaging;

namespace Platform.Content.Privacy;

public static class PrivacyExtensions
{
    /// <summary>A per-event group of its own: group "content" handles in batches, with one batch handler for all its events.</summary>
    public const string ConsumerGroup = "content-privacy";

    public static MessagingBuilder AddPrivacy(this MessagingBuilder messaging) =>
        messaging.AddConsumer<ContentDbContext>(ConsumerGroup, consumer => consumer
            .Handle<ClientErased, ClientErasedHandler>(Topics.EngagementEvents));
}
