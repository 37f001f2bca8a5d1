using Platform.Engagement.Events;
using Platform.Messaging;

namespace Platform.Tiering.Privacy;

public static class PrivacyExtensions
{
    /// <summary>A per-event group of its own: group "tiering" handles in batches, with one batch handler for all its events.</summary>
    public const string ConsumerGroup = "tiering-privacy";

    public static MessagingBuilder AddPrivacy(this MessagingBuilder messaging) =>
        messaging.AddConsumer<TieringDbContext>(ConsumerGroup, consumer => consumer
            .Handle<ClientErased, ClientErasedHandler>(Topics.EngagementEvents));
}
