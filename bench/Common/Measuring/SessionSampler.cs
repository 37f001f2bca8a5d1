using Npgsql;

namespace Platform.Bench.Common.Measuring;

/// <summary>
/// Where PostgreSQL's sessions of one database spend the window: pg_stat_activity sampled every
/// 250 ms, averaged per (state, wait event). Many sessions "active" on a Lock wait mean requests
/// queue on each other's rows; "idle in transaction" means the database waits for the service
/// between the round trips of an open transaction.
/// </summary>
public sealed class SessionSampler(string connectionString, string database)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly Dictionary<string, long> totals = [];
    private readonly Dictionary<string, long> lockedStatements = [];
    private CancellationTokenSource? stop;
    private Task? sampling;
    private int samples;

    public void Start()
    {
        stop = new CancellationTokenSource();
        sampling = Task.Run(() => SampleAsync(stop.Token));
    }

    /// <summary>
    /// Average sessions per state and wait event over the window, most first; and the statements that sessions waiting
    /// for a lock were running (their first 120 characters), the same way.
    /// </summary>
    public async Task<(IReadOnlyList<(string State, double Sessions)> States, IReadOnlyList<(string Statement, double Sessions)> LockWaits)> StopAsync()
    {
        if (stop is null || sampling is null)
        {
            return ([], []);
        }

        await stop.CancelAsync();
        await sampling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
        return (Averages(totals), Averages(lockedStatements));
    }

    private IReadOnlyList<(string, double)> Averages(Dictionary<string, long> counts) =>
        samples == 0 ? [] : [.. counts.OrderByDescending(t => t.Value).Select(t => (t.Key, (double)t.Value / samples))];

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            // A new transaction per statement: pg_stat_activity is a snapshot per transaction.
            await AddAsync(totals, """
                SELECT state || coalesce(', ' || wait_event_type || ': ' || wait_event, ', on CPU or waiting for nothing'), count(*)
                FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state IS NOT NULL
                GROUP BY 1
                """, connection, cancellationToken);
            await AddAsync(lockedStatements, """
                SELECT regexp_replace(left(query, 120), '\s+', ' ', 'g'), count(*)
                FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'
                GROUP BY 1
                """, connection, cancellationToken);
            samples++;
            await Task.Delay(Interval, cancellationToken);
        }
    }

    private async Task AddAsync(Dictionary<string, long> counts, string sql, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(database);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + reader.GetInt64(1);
        }
    }
}
