using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.AppHost.Local;

/// <summary>Healthy when PostgreSQL accepts a connection and answers <c>SELECT 1</c>.</summary>
internal sealed class PostgresHealthCheck(IResourceWithConnectionString postgres) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await postgres.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false))
            {
                Pooling = false,
                Timeout = 3,
                CommandTimeout = 3,
                Database = "postgres",
            };
            await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL does not answer", ex);
        }
    }
}
