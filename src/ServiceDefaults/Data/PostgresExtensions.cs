using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Platform.ServiceDefaults.Data;

namespace Microsoft.Extensions.Hosting;

public static class PostgresExtensions
{
    /// <summary>
    /// Registers the service's own PostgreSQL database: an <see cref="NpgsqlDataSource"/> for hot
    /// paths, a pooled <typeparamref name="TContext"/> on the same data source, a readiness check,
    /// and a hosted migrator that creates the database and applies migrations at start.
    /// </summary>
    /// <param name="connectionName">The connection string name, e.g. <c>onboardingdb</c>.</param>
    /// <param name="configure">Extra context options, e.g. interceptors resolved from the container.</param>
    public static IHostApplicationBuilder AddServiceDatabase<TContext>(this IHostApplicationBuilder builder, string connectionName,
        Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.ConnectionStringBuilder.CommandTimeout = 30;
        var dataSource = dataSourceBuilder.Build();
        builder.Services.AddSingleton(dataSource);

        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            options.UseNpgsql(dataSource);
            configure?.Invoke(services, options);
        });

        builder.Services.AddSingleton<DatabaseMigrator<TContext>>();
        builder.Services.AddSingleton<IDatabaseReadiness>(sp => sp.GetRequiredService<DatabaseMigrator<TContext>>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DatabaseMigrator<TContext>>());

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseMigrationHealthCheck>("database-migration")
            .Add(new HealthCheckRegistration("postgres",
                sp => new PostgresHealthCheck(sp.GetRequiredService<NpgsqlDataSource>()),
                HealthStatus.Unhealthy, tags: ["ready"], timeout: TimeSpan.FromSeconds(3)));
        return builder;
    }
}
