using Platform.Activity.Events;
using Platform.Messaging;

namespace Platform.Onboarding.Funding;

public static class FundingExtensions
{
    public const string ConsumerGroup = "onboarding";

    public static MessagingBuilder AddFunding(this MessagingBuilder messaging) =>
        messaging.AddConsumer<OnboardingDbContext>(ConsumerGroup, consumer => consumer
            .Handle<Deposit, DepositHandler>(Topics.ActivityEvents));
}
