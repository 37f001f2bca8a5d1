using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class OutreachInstances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outreach_instances",
                columns: table => new
                {
                    instance_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    moment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule_version = table.Column<int>(type: "integer", nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    trigger_event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    content_values = table.Column<string>(type: "jsonb", nullable: true),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    decide_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deferred_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    item_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_instances", x => x.instance_key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_instances_client_id_fired_at",
                table: "outreach_instances",
                columns: new[] { "client_id", "fired_at" });

            migrationBuilder.CreateIndex(
                name: "ix_outreach_instances_due",
                table: "outreach_instances",
                column: "decide_after",
                filter: "decision IN ('pending', 'deferred')");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_instances_moment_fired_at",
                table: "outreach_instances",
                columns: new[] { "moment", "fired_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outreach_instances");
        }
    }
}
