using Platform.Messaging;
using Platform.Tiering.Assets;
using Platform.Tiering.Benefits;
using Platform.Tiering.Privacy;
using Platform.Tiering.Retention;
using Platform.Tiering.Tiers;

namespace Platform.Tiering;

public static class TieringExtensions
{
    public const string DatabaseName = "tieringdb";
    public const string ConsumerGroup = "tiering";

    public static IHostApplicationBuilder AddTiering(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<TieringDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<TieringDbContext>()
            .AddConsumer<TieringDbContext>(ConsumerGroup, consumer => consumer.HandleAssetActivity())
            .AddPrivacy();
        // One meter for the whole service: tiers, benefits and retention all report through it.
        builder.Services.AddSingleton<TieringTelemetry>();
        builder.AddTiers();
        builder.AddBenefits();
        builder.AddRetention();
        return builder;
    }

    public static WebApplication MapTiering(this WebApplication app)
    {
        app.MapTiers();
        app.MapBenefits();
        return app;
    }
}
