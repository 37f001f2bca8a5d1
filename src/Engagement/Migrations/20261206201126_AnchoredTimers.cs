using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class AnchoredTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One lazy anchored timer per rule and client (MomentTimer.Anchored). The one-off client-anchored schedules pending
            // as kind 'schedule' stay as they are: each fires only if its anchor still holds, as before.
            migrationBuilder.CreateIndex(
                name: "ux_moment_timers_anchored",
                table: "moment_timers",
                columns: new[] { "rule_key", "client_id" },
                unique: true,
                filter: "kind = 'anchored'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The code before knows no lazy timers: as its one-off schedules they fire only while their anchor holds.
            migrationBuilder.Sql("""
                DELETE FROM moment_timers a WHERE a.kind = 'anchored'
                    AND EXISTS (SELECT 1 FROM moment_timers s WHERE s.kind = 'schedule' AND s.instance_key = a.instance_key);
                UPDATE moment_timers SET kind = 'schedule' WHERE kind = 'anchored';
                """);
            migrationBuilder.DropIndex(
                name: "ux_moment_timers_anchored",
                table: "moment_timers");
        }
    }
}
