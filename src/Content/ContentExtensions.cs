using Platform.Content.Audience;
using Platform.Content.Catalog;

namespace Platform.Content;

public static class ContentExtensions
{
    public const string DatabaseName = "contentdb";

    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<ContentDbContext>(DatabaseName);
        builder.AddMessaging().AddOutboxRelay<ContentDbContext>();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app)
    {
        app.MapGrpcService<CatalogGrpcService>();
        app.MapGrpcService<AudienceGrpcService>();
        return app;
    }
}
