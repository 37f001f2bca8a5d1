using System.Diagnostics;
using Npgsql;
using Platform.Bench.Engagement.Burst;

namespace Platform.Bench.Engagement.Seeding;

/// <summary>
/// The existing clients' lifecycle state as Engagement would hold it after their history: registered a year or so ago,
/// approved, funded, invested (last trade within the month: stage S4), a tier. Written in one INSERT ... SELECT (not
/// timed), then ANALYZE, so that the burst finds a deployment's state and not an empty table: their first deposit and
/// first trade are long past and fire no "first" moment again.
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

        await using (var analyse = new NpgsqlCommand("VACUUM (ANALYZE) client_states", connection))
        {
            analyse.CommandTimeout = 600;
            await analyse.ExecuteNonQueryAsync(cancellationToken);
        }

        return started.Elapsed;
    }
}
