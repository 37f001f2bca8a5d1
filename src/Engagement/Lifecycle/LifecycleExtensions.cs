using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Engagement.Lifecycle;

public static class LifecycleExtensions
{
    /// <summary>
    /// The consumer group of the lifecycle state and the moments the events fire: a group of its own, because a group handles either in batches or per event,
    /// and the timeline's group handles per event.
    /// </summary>
    public const string ConsumerGroup = "engagement-lifecycle";

    public static MessagingBuilder AddLifecycle(this MessagingBuilder messaging)
    {
        var services = messaging.Builder.Services;
        services.AddOptions<LifecycleOptions>().BindConfiguration("Engagement:Lifecycle")
            .Validate(o => o.IdleCashThreshold >= 0 && o.SweepInterval > TimeSpan.Zero && o.SweepBatchSize is > 0 and <= 2_000,
                "Engagement:Lifecycle: IdleCashThreshold must not be negative, SweepInterval must be positive and SweepBatchSize between 1 and 2000.")
            .ValidateOnStart();
        services.AddScoped<ClientStateStore>();
        services.AddScoped<StageSettlement>();
        services.AddScoped<ClientFactsReader>();
        services.AddSingleton<StageSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<StageSweeper>());
        messaging.AddConsumer<EngagementDbContext>(ConsumerGroup, consumer => consumer
            .HandleInBatches<StepRecorded, LifecycleBatchHandler>(Topics.OnboardingEvents)
            .HandleInBatches<ApplicationRejected, LifecycleBatchHandler>(Topics.OnboardingEvents)
            .HandleInBatches<AccountApproved, LifecycleBatchHandler>(Topics.OnboardingEvents)
            .HandleInBatches<AccountFunded, LifecycleBatchHandler>(Topics.OnboardingEvents)
            .HandleInBatches<Login, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<Deposit, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<Withdrawal, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<TransferOut, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<Trade, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<ProductPurchase, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<ProductMatured, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<AssetsSnapshot, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<TierChanged, LifecycleBatchHandler>(Topics.TieringEvents)
            .HandleInBatches<NearNextTier, LifecycleBatchHandler>(Topics.TieringEvents)
            // Events no state is kept of, for the moments their rules name (stalls, drawdowns, warnings, ...).
            .HandleInBatches<ProspectStalled, LifecycleBatchHandler>(Topics.OnboardingEvents)
            .HandleInBatches<AccountDormant, LifecycleBatchHandler>(Topics.OnboardingEvents)
            .HandleInBatches<Drawdown, LifecycleBatchHandler>(Topics.ActivityEvents)
            .HandleInBatches<DowngradeWarned, LifecycleBatchHandler>(Topics.TieringEvents)
            .HandleInBatches<DowngradeWarningCleared, LifecycleBatchHandler>(Topics.TieringEvents)
            .HandleInBatches<BenefitRedeemed, LifecycleBatchHandler>(Topics.TieringEvents));
        return messaging;
    }
}
