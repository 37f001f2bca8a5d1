using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;

namespace Platform.Tiering;

public static class TieringExtensions
{
    public const string DatabaseName = "tieringdb";

    /// <summary>The service's database with its outbox, Redis and Kafka readiness, and the gRPC health service.</summary>
    public static IHostApplicationBuilder AddTiering(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.AddServiceDatabase<TieringDbContext>(DatabaseName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()));
        builder.AddServiceRedis();
        builder.AddMessaging().AddOutboxRelay<TieringDbContext>();
        return builder;
    }

    public static WebApplication MapTiering(this WebApplication app) => app;
}
