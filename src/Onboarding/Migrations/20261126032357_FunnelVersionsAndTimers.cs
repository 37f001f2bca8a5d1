using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class FunnelVersionsAndTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "client_funnels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "dormant_at",
                table: "client_funnels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "funded_at",
                table: "client_funnels",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "in_rework",
                table: "client_funnels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "stall_level",
                table: "client_funnels",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "funnel_definitions",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_definitions", x => new { x.name, x.version });
                });

            migrationBuilder.CreateTable(
                name: "funnel_report_cells",
                columns: table => new
                {
                    funnel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    dimension = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    cohort_date = table.Column<DateOnly>(type: "date", nullable: false),
                    slice_key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    step = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    entered = table.Column<long>(type: "bigint", nullable: false),
                    completed = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_report_cells", x => new { x.funnel, x.dimension, x.cohort_date, x.slice_key, x.step });
                });

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

            migrationBuilder.CreateTable(
                name: "funnel_timers",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    episode_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_funnel_timers", x => new { x.client_id, x.kind });
                });

            migrationBuilder.InsertData(
                table: "funnel_definitions",
                columns: new[] { "name", "version", "changed_at", "changed_by", "definition" },
                values: new object[] { "standard", 1, new DateTimeOffset(new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "seed", "{\"steps\":[{\"step\":\"registered\",\"optionalOnChannels\":[]},{\"step\":\"phone_verified\",\"optionalOnChannels\":[]},{\"step\":\"id_uploaded\",\"optionalOnChannels\":[]},{\"step\":\"id_verified\",\"optionalOnChannels\":[]},{\"step\":\"face_verified\",\"optionalOnChannels\":[]},{\"step\":\"profile_completed\",\"optionalOnChannels\":[]},{\"step\":\"risk_assessed\",\"optionalOnChannels\":[]},{\"step\":\"bank_card_bound\",\"optionalOnChannels\":[]},{\"step\":\"depository_signed\",\"optionalOnChannels\":[]},{\"step\":\"agreements_signed\",\"optionalOnChannels\":[]},{\"step\":\"video_witnessed\",\"optionalOnChannels\":[\"advisor_referral\",\"branch\"]},{\"step\":\"submitted\",\"optionalOnChannels\":[]},{\"step\":\"approved\",\"optionalOnChannels\":[]}],\"stallAfter\":[\"00:30:00\",\"1.00:00:00\",\"7.00:00:00\"],\"dormantAfter\":\"3.00:00:00\"}" });

            migrationBuilder.CreateIndex(
                name: "IX_funnel_timers_due_at",
                table: "funnel_timers",
                column: "due_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "funnel_definitions");

            migrationBuilder.DropTable(
                name: "funnel_report_cells");

            migrationBuilder.DropTable(
                name: "funnel_report_durations");

            migrationBuilder.DropTable(
                name: "funnel_timers");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "client_funnels");

            migrationBuilder.DropColumn(
                name: "dormant_at",
                table: "client_funnels");

            migrationBuilder.DropColumn(
                name: "funded_at",
                table: "client_funnels");

            migrationBuilder.DropColumn(
                name: "in_rework",
                table: "client_funnels");

            migrationBuilder.DropColumn(
                name: "stall_level",
                table: "client_funnels");
        }
    }
}
