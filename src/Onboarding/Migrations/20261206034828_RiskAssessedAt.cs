using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class RiskAssessedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "risk_assessed_at",
                table: "client_funnels",
                type: "timestamp with time zone",
                nullable: true);

            // Existing levels, approximately: the time of the client's kept risk_assessed step (the first to arrive),
            // which is almost always the assessment that set the level or an older one. From then on, an assessment
            // older than it no longer replaces the level. A level without the step stays NULL: the next assessment
            // with a level applies, as before.
            migrationBuilder.Sql("""
                UPDATE client_funnels f SET risk_assessed_at = s.occurred_at
                FROM funnel_steps s
                WHERE s.client_id = f.client_id AND s.step = 'RiskAssessed' AND f.risk_level IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "risk_assessed_at",
                table: "client_funnels");
        }
    }
}
