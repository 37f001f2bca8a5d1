using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class MomentTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "moment_timers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    rule_key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    rule_version = table.Column<int>(type: "integer", nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    instance_key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    anchor_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    trigger_event_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    content_values = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_moment_timers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_moment_timers_client_id",
                table: "moment_timers",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "IX_moment_timers_due_at",
                table: "moment_timers",
                column: "due_at");

            migrationBuilder.CreateIndex(
                name: "ux_moment_timers_absence",
                table: "moment_timers",
                columns: new[] { "rule_key", "client_id" },
                unique: true,
                filter: "kind = 'absence'");

            migrationBuilder.CreateIndex(
                name: "ux_moment_timers_schedule",
                table: "moment_timers",
                column: "instance_key",
                unique: true,
                filter: "kind = 'schedule'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "moment_timers");
        }
    }
}
