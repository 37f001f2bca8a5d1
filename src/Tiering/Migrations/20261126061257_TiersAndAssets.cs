using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Tiering.Migrations
{
    /// <inheritdoc />
    public partial class TiersAndAssets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "asset_flows",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asset_flows", x => new { x.client_id, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "asset_snapshots",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    total_assets = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    event_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asset_snapshots", x => new { x.client_id, x.day });
                });

            migrationBuilder.CreateTable(
                name: "client_tiers",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    average_daily_assets = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    warning_issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    warning_review_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    near_tier_notified = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    last_review_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_tiers", x => x.client_id);
                });

            migrationBuilder.CreateTable(
                name: "tier_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    from_tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    to_tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    average_daily_assets = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tier_history", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "tier_tables",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    minimums = table.Column<decimal[]>(type: "numeric(20,2)[]", nullable: false),
                    window_days = table.Column<int>(type: "integer", nullable: false),
                    downgrade_below = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    near_next_tier = table.Column<decimal>(type: "numeric(5,4)", precision: 5, scale: 4, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tier_tables", x => x.version);
                });

            migrationBuilder.InsertData(
                table: "tier_tables",
                columns: new[] { "version", "created_at", "downgrade_below", "minimums", "near_next_tier", "window_days" },
                values: new object[] { 1, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0.9m, new[] { 0.01m, 10000m, 50000m, 200000m, 1000000m, 5000000m, 10000000m }, 0.9m, 20 });

            migrationBuilder.CreateIndex(
                name: "IX_asset_flows_client_id_day",
                table: "asset_flows",
                columns: new[] { "client_id", "day" });

            migrationBuilder.CreateIndex(
                name: "IX_tier_history_client_id_id",
                table: "tier_history",
                columns: new[] { "client_id", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "asset_flows");

            migrationBuilder.DropTable(
                name: "asset_snapshots");

            migrationBuilder.DropTable(
                name: "client_tiers");

            migrationBuilder.DropTable(
                name: "tier_history");

            migrationBuilder.DropTable(
                name: "tier_tables");
        }
    }
}
