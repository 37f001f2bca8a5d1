using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Funding;

public static class FundingExtensions
{
    public const string ConsumerGroup = "onboarding";

    public static MessagingBuilder AddFunding(this MessagingBuilder messaging)
    {
        messaging.Builder.Services.AddSingleton<IStepBatchRows, EarlyDepositRows>();
        return messaging.AddConsumer<OnboardingDbContext>(ConsumerGroup, consumer => consumer
            .Handle<Deposit, DepositHandler>(Topics.ActivityEvents));
    }
}
