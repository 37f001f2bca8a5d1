using System.Diagnostics;
using Npgsql;

namespace Platform.Bench.Onboarding.Population;

/// <summary>
/// The clients a deployment already holds when the step route is measured: their progress, reached
/// steps, answers and stall timers, written with set-based SQL before the services start, then
/// VACUUM (ANALYZE). Without them every measured step ran against tables that grew from empty during the run
/// and that autovacuum had not analysed yet: PostgreSQL, without statistics, estimates a 60-client
/// <c>= ANY</c> lookup at 30% of the table and reads funnel_steps and recorded_step_events whole for
/// every batch, a cost that grows with the run and depends on when autovacuum wakes (measured: 0.34
/// against 0.15 ms of PostgreSQL CPU per step). A deployment reads indexed tables with statistics.
/// The rows follow the service's layout (its migrations own it; a column added there fails here first)
/// and the load's journeys: each client goes on after a step with probability
/// <see cref="Load.StepJourney.ContinueProbability"/>. Their timers are due days from now, so the timer
/// worker does not fire them during the run; they never reach the report's aggregates (the report phase fills those).
/// </summary>
public static class ExistingClients
{
    public const string Prefix = "existing-";

    // Wire names (answers) and stored enum names (progress, reached steps) of the standard funnel's steps up to submitted.
    private const string Seed = """
        CREATE TEMP TABLE seed_clients ON COMMIT DROP AS
        SELECT @prefix || g AS client_id,
               least(12, 1 + floor(ln(1 - random()) / ln(@continue)))::int AS reached,
               (ARRAY['app_store','short_video','wechat_article','search_ad','partner_bank','wecom','client_referral'])[1 + (g % 7)] AS channel,
               now() - interval '1 day' - random() * interval '20 days' AS registered_at
        FROM generate_series(1, @clients) AS g;

        CREATE TEMP TABLE seed_steps ON COMMIT DROP AS
        SELECT c.client_id, n, (ARRAY['registered','phone_verified','id_uploaded','id_verified','face_verified','profile_completed',
                    'risk_assessed','bank_card_bound','depository_signed','agreements_signed','video_witnessed','submitted'])[n] AS wire,
               (ARRAY['Registered','PhoneVerified','IdUploaded','IdVerified','FaceVerified','ProfileCompleted',
                    'RiskAssessed','BankCardBound','DepositorySigned','AgreementsSigned','VideoWitnessed','Submitted'])[n] AS stored,
               c.registered_at + (n - 1) * interval '3 minutes' AS occurred_at, gen_random_uuid() AS event_id, c.reached
        FROM seed_clients c, generate_series(1, c.reached) AS n;

        INSERT INTO client_funnels (client_id, funnel, funnel_version, status, current_step, channel, campaign, risk_level, registered_at,
            last_activity_at, stalled_since, resubmissions, rejected_at, in_rework, stall_level, approved_at, funded_at, dormant_at,
            risk_assessed_at, last_submitted_at)
        SELECT s.client_id, 'standard', 1, CASE WHEN s.n = 12 THEN 'Submitted' ELSE 'InProgress' END, s.stored, c.channel, 'none_yet',
               CASE WHEN s.n >= 7 THEN 'C3' END, c.registered_at, s.occurred_at, NULL, 0, NULL, false, 0, NULL, NULL, NULL,
               CASE WHEN s.n >= 7 THEN c.registered_at + interval '18 minutes' END, CASE WHEN s.n = 12 THEN s.occurred_at END
        FROM seed_steps s JOIN seed_clients c USING (client_id) WHERE s.n = s.reached;

        INSERT INTO funnel_steps (client_id, step, occurred_at, event_id) SELECT client_id, stored, occurred_at, event_id FROM seed_steps;

        INSERT INTO recorded_step_events (event_id, client_id, status, current_step, next_step, recorded_at)
        SELECT event_id, client_id, CASE WHEN n = 12 THEN 'submitted' ELSE 'in_progress' END, wire,
               coalesce((ARRAY['phone_verified','id_uploaded','id_verified','face_verified','profile_completed','risk_assessed',
                    'bank_card_bound','depository_signed','agreements_signed','video_witnessed','submitted'])[n], ''), occurred_at
        FROM seed_steps;

        INSERT INTO funnel_timers (client_id, kind, level, due_at, episode_started_at)
        SELECT client_id, 1, 1, now() + interval '2 days' + random() * interval '5 days', now() FROM seed_clients WHERE reached < 12;
        """;

    private static readonly string[] Tables = ["client_funnels", "funnel_steps", "recorded_step_events", "funnel_timers"];

    /// <summary>Writes <paramref name="clients"/> clients in one transaction, then analyses the tables; returns the rows written per table.</summary>
    public static async Task<ExistingClientsResult> SeedAsync(string connectionString, int clients, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (clients > 0)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var seed = new NpgsqlCommand(Seed, connection, transaction) { CommandTimeout = 0 })
            {
                seed.Parameters.AddWithValue("prefix", Prefix);
                seed.Parameters.AddWithValue("clients", clients);
                seed.Parameters.AddWithValue("continue", Load.StepJourney.ContinueProbability);
                await seed.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await using (var analyze = new NpgsqlCommand($"VACUUM (ANALYZE) {string.Join(", ", Tables)}", connection) { CommandTimeout = 0 })
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = new List<(string Table, long Rows)>();
        foreach (var table in Tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            rows.Add((table, (long)(await count.ExecuteScalarAsync(cancellationToken))!));
        }

        return new ExistingClientsResult(clients, rows, started.Elapsed);
    }
}
