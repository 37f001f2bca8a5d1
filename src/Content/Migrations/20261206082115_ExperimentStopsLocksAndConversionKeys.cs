using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class ExperimentStopsLocksAndConversionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_experiment_conversions",
                table: "experiment_conversions");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "stopped_at",
                table: "experiments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reported_at",
                table: "experiment_conversions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Conversions stored so far were reported with the time they count at; experiments stopped so far stopped at their last change.
            migrationBuilder.Sql("UPDATE experiment_conversions SET reported_at = occurred_at;");
            migrationBuilder.Sql("UPDATE experiments SET stopped_at = updated_at WHERE status = 'Stopped';");

            migrationBuilder.AddPrimaryKey(
                name: "PK_experiment_conversions",
                table: "experiment_conversions",
                columns: new[] { "client_id", "experiment_key", "event_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_experiment_conversions",
                table: "experiment_conversions");

            migrationBuilder.DropColumn(
                name: "stopped_at",
                table: "experiments");

            migrationBuilder.DropColumn(
                name: "reported_at",
                table: "experiment_conversions");

            migrationBuilder.AddPrimaryKey(
                name: "PK_experiment_conversions",
                table: "experiment_conversions",
                columns: new[] { "client_id", "event_id" });
        }
    }
}
