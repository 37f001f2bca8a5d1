using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class ReportIncrements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "funnel_report_increments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    funnels = table.Column<string[]>(type: "text[]", nullable: false),
                    dimensions = table.Column<string[]>(type: "text[]", nullable: false),
                    cohort_dates = table.Column<DateOnly[]>(type: "date[]", nullable: false),
                    slice_keys = table.Column<string[]>(type: "text[]", nullable: false),
                    steps = table.Column<string[]>(type: "text[]", nullable: false),
                    entered = table.Column<long[]>(type: "bigint[]", nullable: false),
                    completed = table.Column<long[]>(type: "bigint[]", nullable: false),
                    duration_rows = table.Column<long[]>(type: "bigint[]", nullable: false),
                    duration_buckets = table.Column<short[]>(type: "smallint[]", nullable: false),
                    duration_clients = table.Column<long[]>(type: "bigint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_report_increments", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funnel_report_increments");
        }
    }
}
