using Npgsql;

namespace Platform.Bench.Engagement.Burst;

/// <summary>
/// What Engagement has done so far, read from its database: events each consumer group handled (their inbox rows), moment
/// instances fired, those still pending (the priority window, then the decision) or deferred and due again, deliveries
/// queued, events waiting in the outbox.
/// </summary>
public sealed record EngagementProgress(long Lifecycle, long Timeline, long Instances, long Undecided, long QueuedDeliveries, long Outbox)
{
    public const string LifecycleGroup = "engagement-lifecycle";
    public const string TimelineGroup = "engagement";

    /// <param name="inbox">Whether to count the inbox rows too (a million rows: only while the consumption is timed).</param>
    public static async Task<EngagementProgress> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken, bool inbox = true)
    {
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN @inbox THEN (SELECT count(*) FROM inbox_messages WHERE consumer = @lifecycle) ELSE -1 END,
                   CASE WHEN @inbox THEN (SELECT count(*) FROM inbox_messages WHERE consumer = @timeline) ELSE -1 END,
                   (SELECT count(*) FROM outreach_instances),
                   (SELECT count(*) FROM outreach_instances WHERE decision = 'pending' OR (decision = 'deferred' AND decide_after <= now())),
                   (SELECT count(*) FROM outreach_deliveries WHERE status = 'queued'),
                   (SELECT count(*) FROM outbox_messages)
            """, connection);
        command.Parameters.AddWithValue("lifecycle", LifecycleGroup);
        command.Parameters.AddWithValue("timeline", TimelineGroup);
        command.Parameters.AddWithValue("inbox", inbox);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EngagementProgress(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    /// <summary>
    /// Rows inserted into the inbox so far, both groups together, from PostgreSQL's statistics (reported up to a second late):
    /// a cheap stand-in for <see cref="ReadAsync"/>'s counts while the burst is far from handled. Counting a million-row inbox
    /// twice a second was the burst's second most expensive statement (pg_stat_statements), taken from the cores Engagement
    /// is measured on.
    /// </summary>
    public static async Task<long> InboxInsertsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(sum(n_tup_ins), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'inbox_messages'", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Every instance fired has been decided (a deferral to a later time counts), delivered and published.</summary>
    public bool PipelineSettled => Undecided == 0 && QueuedDeliveries == 0 && Outbox == 0;
}
