using Platform.Content.Audience;
using Platform.Content.Benchmark;
using Platform.Content.Catalog;
using Platform.Content.Experiments;
using Platform.Content.Feed;
using Platform.Content.Privacy;
using Platform.Content.Profiles;
using Platform.Content.Selection;
using Platform.Messaging;

namespace Platform.Content;

public static class ContentExtensions
{
    public const string DatabaseName = "contentdb";
    public const string ConsumerGroup = "content";

    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<ContentDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<ContentDbContext>()
            .AddConsumer<ContentDbContext>(ConsumerGroup, consumer => consumer.HandleProfileFacts())
            .AddPrivacy();
        builder.AddProfiles();
        builder.AddSelection();
        builder.AddFeeds();
        builder.AddExperiments();
        builder.AddBenchmarkSwitch();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app)
    {
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<AudienceGrpcService>();
        app.MapFeeds();
        app.MapSelection();
        app.MapExperiments();
        return app;
    }
}
