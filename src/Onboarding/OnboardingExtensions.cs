using Platform.Onboarding.Funnel;

namespace Platform.Onboarding;

public static class OnboardingExtensions
{
    public const string DatabaseName = "onboardingdb";

    public static IHostApplicationBuilder AddOnboarding(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<OnboardingDbContext>(DatabaseName);
        builder.AddFunnel();
        return builder;
    }

    public static WebApplication MapOnboarding(this WebApplication app)
    {
        app.MapFunnel();
        return app;
    }
}
