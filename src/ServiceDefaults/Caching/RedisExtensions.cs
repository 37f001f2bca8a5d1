using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.ServiceDefaults.Caching;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    /// <summary>
    /// Registers a shared <see cref="IConnectionMultiplexer"/> that never blocks start-up or fails
    /// the service when Redis is away (Redis only ever holds copies), plus a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceRedis(this IHostApplicationBuilder builder, string connectionName = "redis")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string 'ConnectionStrings:{connectionName}' is not configured.");

        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        var keyPrefix = builder.Configuration["Redis:KeyPrefix"] ?? string.Empty;
        builder.Services.AddSingleton(services => new RedisCopies(
            services.GetRequiredService<IConnectionMultiplexer>(), services.GetRequiredService<ILogger<RedisCopies>>(), keyPrefix));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("redis",
            sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
            HealthStatus.Unhealthy, tags: ["ready"], timeout: TimeSpan.FromSeconds(3)));
        return builder;
    }
}
