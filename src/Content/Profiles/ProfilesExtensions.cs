using Platform.Activity.Events;
using Platform.Engagement.Events;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Content.Profiles;

public static class ProfilesExtensions
{
    public static IHostApplicationBuilder AddProfiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProfileFacts>();
        return builder;
    }

    /// <summary>
    /// The facts a profile is built from: onboarding milestones and assessments, tiers, trades and purchases, Engagement's
    /// stage; and Engagement's outreach decisions, whose sent experiment arms are exposures. In batches.
    /// </summary>
    public static ConsumerRegistrations HandleProfileFacts(this ConsumerRegistrations consumer) => consumer
        .HandleInBatches<StepRecorded, ProfileFactsHandler>(Topics.OnboardingEvents)
        .HandleInBatches<AccountApproved, ProfileFactsHandler>(Topics.OnboardingEvents)
        .HandleInBatches<AccountFunded, ProfileFactsHandler>(Topics.OnboardingEvents)
        .HandleInBatches<TierChanged, ProfileFactsHandler>(Topics.TieringEvents)
        .HandleInBatches<NearNextTier, ProfileFactsHandler>(Topics.TieringEvents)
        .HandleInBatches<Trade, ProfileFactsHandler>(Topics.ActivityEvents)
        .HandleInBatches<ProductPurchase, ProfileFactsHandler>(Topics.ActivityEvents)
        .HandleInBatches<StageChanged, ProfileFactsHandler>(Topics.EngagementEvents)
        .HandleInBatches<OutreachDecided, ProfileFactsHandler>(Topics.EngagementEvents);
}
