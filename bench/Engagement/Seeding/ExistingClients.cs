using System.Diagnostics;
using Npgsql;
using Platform.Bench.Engagement.Burst;

namespace Platform.Bench.Engagement.Seeding;

/// <summary>
/// The existing clients' lifecycle state as Engagement would hold it after their history: registered a year or so ago,
/// approved, funded, invested (last trade within the month: stage S4), a tier. Written in one INSERT ... SELECT (not
/// timed), with the no-login wait (M16) each has pending, then ANALYZE, so that the burst finds a deployment's state and
/// not an empty table: their first deposit and first trade are long past and fire no "first" moment again.
/// </summary>
public static class ExistingClients
{
    public static async Task<TimeSpan> SeedAsync(string engagementDb, DayModel model, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(engagementDb);
        await connection.OpenAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO client_states (client_id, registered_at, approved_at, first_deposit_at, first_investment_at, last_investment_at, investments,
                                       last_login_at, tier, tier_changed_at, stage, stage_changed_at, next_check_at, idle_cash_days, erased)
            SELECT @prefix || lpad(i::text, 8, '0'),
                   @now - make_interval(days => 200 + i % 400),
                   @now - make_interval(days => 199 + i % 400),
                   @now - make_interval(days => 190 + i % 400),
                   @now - make_interval(days => 180 + i % 400),
                   @now - make_interval(days => 1 + i % 20),
                   5 + i % 50,
                   @now - make_interval(days => i % 10),
                   'V' || (1 + i % 4),
                   @now - make_interval(days => 60 + i % 100),
                   'S4',
                   @now - make_interval(days => 1 + i % 20),
                   @now - make_interval(days => 1 + i % 20) + interval '30 days',
                   0,
                   false
            FROM generate_series(0, @existing - 1) AS i
            """, connection))
        {
            insert.CommandTimeout = 600;
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("existing", model.ExistingClients);
            insert.Parameters.AddWithValue("prefix", model.Prefix);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The wait every approved client has pending in a deployment: M16's no-login time, 30 days after the last login (an
        // anchored timer, MomentTimer.Anchored). Without it the burst would create one per client, work a deployment did long ago.
        await using (var timers = new NpgsqlCommand("""
            INSERT INTO moment_timers (kind, rule_key, rule_version, client_id, instance_key, started_at, due_at, anchor_at, channel, priority, content_values)
            SELECT 'anchored', 'M16', (SELECT version FROM rules WHERE key = 'M16'), s.client_id,
                   'M16:' || s.client_id || ':since-' || to_char((s.last_login_at + interval '30 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                   s.last_login_at, s.last_login_at + interval '30 days', s.last_login_at + interval '30 days', 'sms', 75, '{}'::jsonb
            FROM client_states s WHERE s.client_id LIKE @prefix || '%'
            ON CONFLICT DO NOTHING
            """, connection))
        {
            timers.CommandTimeout = 600;
            timers.Parameters.AddWithValue("prefix", model.Prefix);
            await timers.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var analyse = new NpgsqlCommand("VACUUM (ANALYZE) client_states, moment_timers", connection))
        {
            analyse.CommandTimeout = 600;
            await analyse.ExecuteNonQueryAsync(cancellationToken);
        }

        return started.Elapsed;
    }
}
