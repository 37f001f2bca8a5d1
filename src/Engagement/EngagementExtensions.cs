using Platform.Engagement.Privacy;
using Platform.Engagement.Timeline;

namespace Platform.Engagement;

public static class EngagementExtensions
{
    public const string DatabaseName = "engagementdb";

    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<EngagementDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<EngagementDbContext>().AddTimeline();
        builder.AddPrivacy();
        return builder;
    }

    public static WebApplication MapEngagement(this WebApplication app)
    {
        app.MapTimeline();
        app.MapPrivacy();
        return app;
    }
}
