using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Outbox;

namespace Microsoft.Extensions.Hosting;

public static class ServiceInfrastructureExtensions
{
    /// <summary>
    /// What each of the four gRPC services stands on: the gRPC server with its health service,
    /// its own PostgreSQL database (migrated at start) whose commits wake the outbox relay,
    /// Redis, and Kafka with the relay publishing that database's outbox. Add consumers to the
    /// returned builder.
    /// </summary>
    /// <param name="databaseConnectionName">The connection string of the service's database, e.g. <c>onboardingdb</c>.</param>
    public static MessagingBuilder AddServiceInfrastructure<TContext>(this IHostApplicationBuilder builder, string databaseConnectionName)
        where TContext : DbContext
    {
        builder.AddGrpcServiceDefaults();
        builder.AddServiceDatabase<TContext>(databaseConnectionName,
            (services, options) => options.AddInterceptors(services.GetRequiredService<OutboxSignal>()));
        builder.AddServiceRedis();
        return builder.AddMessaging().AddOutboxRelay<TContext>();
    }
}
