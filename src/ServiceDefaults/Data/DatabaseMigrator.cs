using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Data;

/// <summary>Lets background workers wait until the service's database schema is current.</summary>
public interface IDatabaseReadiness
{
    /// <summary>Completes when migrations have been applied; faults if they failed for good.</summary>
    Task WhenReady { get; }
}

/// <summary>
/// Creates the database and applies EF Core migrations at start, retrying while PostgreSQL is
/// still starting. Readiness reports Degraded while it runs and Unhealthy if it gave up, so the
/// service is not sent traffic before its schema exists.
/// </summary>
public sealed partial class DatabaseMigrator<TContext>(
    IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TContext>> logger) : BackgroundService, IDatabaseReadiness
    where TContext : DbContext
{
    private static readonly ActivitySource Source = new(PlatformTelemetry.ActivitySourcePrefix + "Migrations");
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WhenReady => ready.Task;

    internal Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var activity = Source.StartActivity($"migrate {typeof(TContext).Name}");
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                await db.Database.MigrateAsync(stoppingToken);
                LogMigrated(logger, typeof(TContext).Name, attempt);
                ready.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                ready.TrySetCanceled(stoppingToken);
                return;
            }
            catch (Exception ex) when (attempt < 40)
            {
                LogRetry(logger, ex, typeof(TContext).Name, attempt);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 3000));
            }
            catch (Exception ex)
            {
                Failure = ex;
                activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
                ready.TrySetException(ex);
                throw;
            }
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Database schema of {Context} is current (attempt {Attempt})")]
    private static partial void LogMigrated(ILogger logger, string context, int attempt);

    [LoggerMessage(2, LogLevel.Warning, "Migrating {Context} failed on attempt {Attempt}; retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, string context, int attempt);
}

internal sealed class DatabaseMigrationHealthCheck(IEnumerable<IDatabaseReadiness> migrators) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var migrator in migrators)
        {
            if (migrator.WhenReady.IsFaulted)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Database migration failed.", migrator.WhenReady.Exception));
            }

            if (!migrator.WhenReady.IsCompletedSuccessfully)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Database migration is running."));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy());
    }
}
