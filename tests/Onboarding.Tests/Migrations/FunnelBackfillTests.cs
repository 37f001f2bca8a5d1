using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Platform.TestSupport.Postgres;

namespace Platform.Onboarding.Tests.Migrations;

/// <summary>
/// Rows written before the facts' dates were kept get them from the upgrade (review finding 12): the
/// migrations run over rows as the version on main left them.
/// </summary>
public sealed class FunnelBackfillTests(PostgresFixture postgres)
{
    private const string BeforeTheDates = "20261206032049_ClientFunnelVersion";

    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task UpgradingGivesExistingFunnelsTheirRejectionSubmissionAndAssessmentDates()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync("backfill");
        await using var db = new OnboardingDbContext(new DbContextOptionsBuilder<OnboardingDbContext>().UseNpgsql(connectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeTheDates);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // In rework (rejected @10, assessed C3 @3); resubmitted after a rejection (latest activity @20); submitted once @5.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO client_funnels (client_id, funnel, funnel_version, status, current_step, channel, campaign, risk_level,
                    registered_at, last_activity_at, resubmissions, in_rework, stall_level)
                VALUES ('rework', 'standard', 1, 'Rejected', 'IdUploaded', 'short_video', '', 'C3', @t, @t + interval '10 min', 1, true, 0),
                       ('resubmitted', 'standard', 1, 'Submitted', 'Submitted', 'short_video', '', NULL, @t, @t + interval '20 min', 1, false, 0),
                       ('once', 'standard', 1, 'Submitted', 'Submitted', 'short_video', '', NULL, @t, @t + interval '6 min', 0, false, 0);
                INSERT INTO funnel_steps (client_id, step, occurred_at, event_id)
                VALUES ('rework', 'RiskAssessed', @t + interval '3 min', gen_random_uuid()),
                       ('rework', 'Submitted', @t + interval '5 min', gen_random_uuid()),
                       ('resubmitted', 'Submitted', @t + interval '5 min', gen_random_uuid()),
                       ('once', 'Submitted', @t + interval '5 min', gen_random_uuid());
                """, connection);
            insert.Parameters.AddWithValue("t", T0);
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync();

        var dates = await db.ClientFunnels.AsNoTracking().OrderBy(f => f.ClientId)
            .Select(f => new { f.ClientId, f.RejectedAt, f.RiskAssessedAt, f.LastSubmittedAt }).ToListAsync();
        Assert.Equal(
        [
            new { ClientId = "once", RejectedAt = (DateTimeOffset?)null, RiskAssessedAt = (DateTimeOffset?)null, LastSubmittedAt = (DateTimeOffset?)T0.AddMinutes(5) },
            new { ClientId = "resubmitted", RejectedAt = (DateTimeOffset?)null, RiskAssessedAt = (DateTimeOffset?)null, LastSubmittedAt = (DateTimeOffset?)T0.AddMinutes(20) },
            new { ClientId = "rework", RejectedAt = (DateTimeOffset?)T0.AddMinutes(10), RiskAssessedAt = (DateTimeOffset?)T0.AddMinutes(3), LastSubmittedAt = (DateTimeOffset?)T0.AddMinutes(5) },
        ], dates.Select(d => new { d.ClientId, d.RejectedAt, d.RiskAssessedAt, d.LastSubmittedAt }));
    }
}
