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
        messaging.Builder.Services.AddOptions<FundingOptions>().BindConfiguration("Onboarding:Funding")
            .Validate(o => o.EarlyDepositRetention > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.SweepBatchSize is > 0 and <= 100_000,
                "Onboarding:Funding:EarlyDepositRetention and SweepInterval must be positive, SweepBatchSize between 1 and 100000.")
            .ValidateOnStart();
        messaging.Builder.Services.AddHostedService<EarlyDepositSweep>();
        return messaging.AddConsumer<OnboardingDbContext>(ConsumerGroup, consumer => consumer
            .Handle<Deposit, DepositHandler>(Topics.ActivityEvents));
    }
}
