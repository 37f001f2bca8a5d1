using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding;

public static class OnboardingExtensions
{
    public const string DatabaseName = "onboardingdb";

    /// <summary>Funnel, its database and outbox, Redis and Kafka readiness.</summary>
    public static IHostApplicationBuilder AddOnboarding(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.AddMessaging().AddOutboxRelay<OnboardingDbContext>();
        builder.AddServiceDatabase<OnboardingDbContext>(DatabaseName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()));
        builder.AddServiceRedis();
        builder.AddFunnel();
        return builder;
    }

    public static WebApplication MapOnboarding(this WebApplication app)
    {
        app.MapFunnel();
        return app;
    }
}
