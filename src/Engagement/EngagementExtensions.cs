using Platform.Engagement.Advisor;
using Platform.Engagement.Inbox;
using Platform.Engagement.Outreach.Delivery;
using Platform.Engagement.Outreach.Reports;
using Platform.Engagement.Rules;
using Platform.Engagement.Channels;
using Platform.Engagement.Settings;
using Platform.Engagement.Timeline;

namespace Platform.Engagement;

public static class EngagementExtensions
{
    public const string DatabaseName = "engagementdb";

    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<EngagementDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<EngagementDbContext>().AddTimeline();
        builder.AddAdvisorTasks();
        builder.AddRules();
        builder.AddEngagementSettings().AddChannels();
        builder.AddOutreachDelivery();
        return builder;
    }

    public static WebApplication MapEngagement(this WebApplication app)
    {
        app.MapTimeline();
        app.MapInbox();
        app.MapAdvisorTasks();
        app.MapRules();
        app.MapEngagementSettings();
        app.MapOutreachReports();
        return app;
    }
}
