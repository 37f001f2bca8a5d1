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

            // Existing rows get their date from FunnelDatesBackfill after start (in short batches under the
            // client lock), not here: a whole-table UPDATE at start held every touched funnel's row lock.
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
