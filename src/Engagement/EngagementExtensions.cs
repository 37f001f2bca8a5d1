using Microsoft.EntityFrameworkCore;
using Platform.Engagement.Timeline;
using Platform.Messaging.Outbox;

namespace Platform.Engagement;

public static class EngagementExtensions
{
    public const string DatabaseName = "engagementdb";

    /// <summary>What Engagement learns from other services' events, its database, Redis and Kafka.</summary>
    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.AddServiceDatabase<EngagementDbContext>(DatabaseName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()));
        builder.AddServiceRedis();
        builder.AddMessaging().AddOutboxRelay<EngagementDbContext>().AddTimeline();
        return builder;
    }

    public static WebApplication MapEngagement(this WebApplication app)
    {
        app.MapTimeline();
        return app;
    }
}
