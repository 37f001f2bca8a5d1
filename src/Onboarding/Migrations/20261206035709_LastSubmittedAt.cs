using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class LastSubmittedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_submitted_at",
                table: "client_funnels",
                type: "timestamp with time zone",
                nullable: true);

            // Existing rows, approximately, since only the first submission was kept: the kept submitted step's date,
            // exact for an application submitted once (and for one in rework, any earlier date only leaves the rejection
            // rule as it was). An application resubmitted after a rejection takes its latest activity, almost always the
            // resubmission itself: an upper bound, so a rejection still in flight dated between the two would be ignored.
            migrationBuilder.Sql("""
                UPDATE client_funnels f
                SET last_submitted_at = CASE WHEN f.resubmissions > 0 AND NOT f.in_rework AND f.current_step = 'Submitted'
                                             THEN greatest(f.last_activity_at, s.occurred_at) ELSE s.occurred_at END
                FROM funnel_steps s
                WHERE s.client_id = f.client_id AND s.step = 'Submitted'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_submitted_at",
                table: "client_funnels");
        }
    }
}
