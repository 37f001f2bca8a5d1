using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class Settings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "engagement_settings",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engagement_settings", x => x.version);
                });

            migrationBuilder.InsertData(
                table: "engagement_settings",
                columns: new[] { "version", "created_at", "document" },
                values: new object[] { 1, new DateTimeOffset(new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "{ \"quietHours\": { \"start\": \"22:00\", \"end\": \"08:00\", \"timeZone\": \"Asia/Shanghai\", \"channels\": [ \"sms\", \"push\" ] }, \"caps\": { \"sms\": { \"count\": 1, \"per\": \"P1D\" }, \"push\": { \"count\": 3, \"per\": \"P7D\" } }, \"holdoutPercent\": \"10\", \"advisorTaskFromTier\": \"V5\", \"advisorTaskSla\": { \"default\": \"PT24H\", \"byTier\": { \"V6\": \"PT8H\", \"V7\": \"PT4H\" } }, \"priorityWindow\": \"PT1M\", \"idleCashThreshold\": \"50000\" }" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "engagement_settings");
        }
    }
}
