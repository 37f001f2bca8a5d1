using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class FunnelReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funnel_report_durations");

            migrationBuilder.AddColumn<short[]>(
                name: "duration_buckets",
                table: "funnel_report_cells",
                type: "smallint[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<long[]>(
                name: "duration_counts",
                table: "funnel_report_cells",
                type: "bigint[]",
                nullable: false,
                defaultValueSql: "'{}'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "duration_buckets",
                table: "funnel_report_cells");

            migrationBuilder.DropColumn(
                name: "duration_counts",
                table: "funnel_report_cells");

            migrationBuilder.CreateTable(
                name: "funnel_report_durations",
                columns: table => new
                {
                    funnel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    dimension = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cohort_date = table.Column<DateOnly>(type: "date", nullable: false),
                    slice_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    bucket = table.Column<short>(type: "smallint", nullable: false),
                    clients = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_report_durations", x => new { x.funnel, x.dimension, x.cohort_date, x.slice_key, x.step, x.bucket });
                });
        }
    }
}
