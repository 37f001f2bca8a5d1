using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class SettingsInboxAndAdvisorTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "advisor_tasks",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    instance_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    moment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_advisor_tasks", x => x.task_id);
                });

            migrationBuilder.CreateTable(
                name: "client_inbox",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    instance_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    moment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_inbox", x => x.message_id);
                });

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

            migrationBuilder.CreateIndex(
                name: "IX_advisor_tasks_client_id_due_at",
                table: "advisor_tasks",
                columns: new[] { "client_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "IX_advisor_tasks_instance_key",
                table: "advisor_tasks",
                column: "instance_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_advisor_tasks_open_due",
                table: "advisor_tasks",
                column: "due_at",
                filter: "completed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_client_inbox_client_id_created_at",
                table: "client_inbox",
                columns: new[] { "client_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_client_inbox_instance_key",
                table: "client_inbox",
                column: "instance_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "advisor_tasks");

            migrationBuilder.DropTable(
                name: "client_inbox");

            migrationBuilder.DropTable(
                name: "engagement_settings");
        }
    }
}
