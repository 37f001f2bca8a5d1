using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class TimersByClientAndDueTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_moment_timers_client_id",
                table: "moment_timers");

            migrationBuilder.CreateIndex(
                name: "IX_moment_timers_client_id_due_at",
                table: "moment_timers",
                columns: new[] { "client_id", "due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_moment_timers_client_id_due_at",
                table: "moment_timers");

            migrationBuilder.CreateIndex(
                name: "IX_moment_timers_client_id",
                table: "moment_timers",
                column: "client_id");
        }
    }
}
