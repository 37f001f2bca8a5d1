using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class AnswersPerClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_recorded_step_events",
                table: "recorded_step_events");

            migrationBuilder.AddPrimaryKey(
                name: "PK_recorded_step_events",
                table: "recorded_step_events",
                columns: new[] { "client_id", "event_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_recorded_step_events",
                table: "recorded_step_events");

            migrationBuilder.AddPrimaryKey(
                name: "PK_recorded_step_events",
                table: "recorded_step_events",
                column: "event_id");
        }
    }
}
