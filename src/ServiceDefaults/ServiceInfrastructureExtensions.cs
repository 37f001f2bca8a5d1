using Microsoft.EntityFrameworkCore;

namespace Microsoft.Extensions.Hosting;

public static class ServiceInfrastructureExtensions
{
    /// <summary>
    /// What each of the four gRPC services stands on: the gRPC server with its health service,
    /// its own PostgreSQL database (migrated at start) and Redis. Messaging is not part of it:
    /// each service adds it with <c>AddMessaging()</c>, so that this layer stays generic (a
    /// service without Kafka needs nothing else from here).
    /// </summary>
    /// <param name="databaseConnectionName">The connection string of the service's database, e.g. <c>onboardingdb</c>.</param>
    /// <param name="configureDatabase">
    /// Extra options of the service's <typeparamref name="TContext"/>, e.g. interceptors resolved from the container.
    /// A shared layer that needs its own (the outbox relay's commit signal) adds them itself through EF Core's
    /// <c>services.ConfigureDbContext&lt;TContext&gt;</c>, so the service does not have to remember them.
    /// </param>
    public static IHostApplicationBuilder AddServiceInfrastructure<TContext>(this IHostApplicationBuilder builder, string databaseConnectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configureDatabase = null)
        where TContext : DbContext
    {
        builder.AddGrpcServiceDefaults();
        builder.AddServiceDatabase<TContext>(databaseConnectionName, configureDatabase);
        builder.AddServiceRedis();
        return builder;
    }
}
