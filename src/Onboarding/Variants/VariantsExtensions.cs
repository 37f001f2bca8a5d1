using Platform.Content.Events;
using Platform.Messaging;

namespace Platform.Onboarding.Variants;

public static class VariantsExtensions
{
    /// <summary>
    /// A group of its own: a backlog of exposures (every feed read of an experiment item can make one) never delays
    /// the deposits of group "onboarding", and its offsets and inbox are its own.
    /// </summary>
    public const string ConsumerGroup = "onboarding-variants";

    public static MessagingBuilder AddVariants(this MessagingBuilder messaging) =>
        messaging.AddConsumer<OnboardingDbContext>(ConsumerGroup, consumer => consumer
            .Handle<ExposureRecorded, ExposureHandler>(Topics.ContentEvents));
}
