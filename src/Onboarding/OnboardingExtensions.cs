using Platform.Onboarding.Backfill;
using Platform.Onboarding.Benchmark;
using Platform.Onboarding.Funding;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Privacy;
using Platform.Onboarding.Reports;
using Platform.Onboarding.Stalls;
using Platform.Onboarding.Variants;

namespace Platform.Onboarding;

public static class OnboardingExtensions
{
    public const string DatabaseName = "onboardingdb";

    public static IHostApplicationBuilder AddOnboarding(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<OnboardingDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<OnboardingDbContext>().AddFunding().AddVariants().AddPrivacy();
        builder.AddFunnel();
        builder.AddBenchmarkSwitch();
        builder.AddStalls();
        builder.AddReports();
        builder.AddBackfill();
        return builder;
    }

    public static WebApplication MapOnboarding(this WebApplication app)
    {
        app.MapFunnel();
        app.MapReports();
        return app;
    }
}
