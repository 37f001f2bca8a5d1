using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;

namespace Platform.Content;

public static class ContentExtensions
{
    public const string DatabaseName = "contentdb";

    /// <summary>The service's database with its outbox, Redis and Kafka readiness, and the gRPC health service.</summary>
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.AddServiceDatabase<ContentDbContext>(DatabaseName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()));
        builder.AddServiceRedis();
        builder.AddMessaging().AddOutboxRelay<ContentDbContext>();
        return builder;
    }

    public static WebApplication MapContent(this WebApplication app) => app;
}
