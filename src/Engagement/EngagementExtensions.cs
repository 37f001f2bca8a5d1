using Platform.Engagement.Advisor;
using Platform.Engagement.Inbox;
using Platform.Engagement.Outreach.Delivery;
using Platform.Engagement.Outreach.Reports;
using Platform.Engagement.Rules;
using Platform.Engagement.Channels;
using Platform.Engagement.Settings;
using Platform.Engagement.Lifecycle;
using Platform.Engagement.Outreach;
using Platform.Engagement.Privacy;
using Platform.Engagement.Timeline;

namespace Platform.Engagement;

public static class EngagementExtensions
{
    public const string DatabaseName = "engagementdb";

    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<EngagementDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<EngagementDbContext>().AddTimeline().AddLifecycle();
        builder.AddAdvisorTasks();
        builder.AddRules();
        builder.AddEngagementSettings().AddChannels();
        builder.AddOutreach();
        builder.AddPrivacy();
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
        app.MapPrivacy();
        app.MapOutreachReports();
        return app;
    }
}
