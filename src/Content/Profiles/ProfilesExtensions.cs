using Platform.Activity.Events;
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

    /// <summary>The facts a profile is built from: onboarding milestones and assessments, tiers, trades and purchases.</summary>
    public static ConsumerRegistrations HandleProfileFacts(this ConsumerRegistrations consumer) => consumer
        .Handle<StepRecorded, ProfileFactsHandler>(Topics.OnboardingEvents)
        .Handle<AccountApproved, ProfileFactsHandler>(Topics.OnboardingEvents)
        .Handle<AccountFunded, ProfileFactsHandler>(Topics.OnboardingEvents)
        .Handle<TierChanged, ProfileFactsHandler>(Topics.TieringEvents)
        .Handle<NearNextTier, ProfileFactsHandler>(Topics.TieringEvents)
        .Handle<Trade, ProfileFactsHandler>(Topics.ActivityEvents)
        .Handle<ProductPurchase, ProfileFactsHandler>(Topics.ActivityEvents);
}
