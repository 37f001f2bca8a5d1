using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.Messaging.Consuming;

/// <summary>
/// Holds the relay and consumers back until the service's migrations have run, so that a
/// message consumed at start-up is not retried into the dead-letter topic for want of a table.
/// </summary>
internal static class SchemaGate
{
    public static async Task WaitForSchemaAsync<TContext>(IServiceScopeFactory scopes, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                if (await db.Database.CanConnectAsync(cancellationToken) && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
                {
                    return;
                }
            }
            catch (NpgsqlException)
            {
                // Not reachable yet.
            }

            // Real time, not the business clock: tests drive TimeProvider and must not freeze start-up.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>A failure of the infrastructure, not of the handler: retried without counting towards dead-lettering.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException { IsTransient: true } or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
