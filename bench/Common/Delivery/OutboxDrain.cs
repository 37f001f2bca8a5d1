using System.Diagnostics;
using Npgsql;

namespace Platform.Bench.Common.Delivery;

/// <summary>How many events were still waiting in a service's outbox when its work stopped, and how long the relay took to publish them all.</summary>
public static class OutboxDrain
{
    public static async Task<(long BacklogAtEnd, TimeSpan? DrainedAfter)> WaitAsync(string connectionString, TimeSpan deadline,
        CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages", connection);
        var started = Stopwatch.StartNew();
        long? first = null;
        while (started.Elapsed < deadline)
        {
            var backlog = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            first ??= backlog;
            if (backlog == 0)
            {
                return (first.Value, started.Elapsed);
            }

            await Task.Delay(100, cancellationToken);
        }

        return (first ?? -1, null);
    }
}
