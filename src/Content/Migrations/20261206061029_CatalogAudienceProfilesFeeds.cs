using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class CatalogAudienceProfilesFeeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_profiles",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    operator_tags = table.Column<string[]>(type: "text[]", nullable: false, defaultValueSql: "'{}'"),
                    risk_tolerance = table.Column<int>(type: "integer", nullable: true),
                    risk_assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    channel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    campaign = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    funded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_trade_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    tier_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    amount_to_next_tier = table.Column<decimal>(type: "numeric(20,2)", precision: 20, scale: 2, nullable: true),
                    amount_to_next_tier_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 1L),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_profiles", x => x.client_id);
                    table.CheckConstraint("ck_client_profiles_risk", "risk_tolerance IS NULL OR risk_tolerance BETWEEN 1 AND 5");
                });

            migrationBuilder.CreateTable(
                name: "content_items",
                columns: table => new
                {
                    item_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    risk = table.Column<int>(type: "integer", nullable: true),
                    tiers = table.Column<string[]>(type: "text[]", nullable: false),
                    stages = table.Column<string[]>(type: "text[]", nullable: false),
                    tags = table.Column<string[]>(type: "text[]", nullable: false),
                    segment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    valid_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    moments = table.Column<string[]>(type: "text[]", nullable: false),
                    channels = table.Column<string[]>(type: "text[]", nullable: false),
                    labels = table.Column<string[]>(type: "text[]", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_items", x => x.item_id);
                    table.CheckConstraint("ck_content_items_risk", "(kind = 'Product') = (risk IS NOT NULL) AND (risk IS NULL OR risk BETWEEN 1 AND 5)");
                    table.CheckConstraint("ck_content_items_validity", "valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from");
                });

            migrationBuilder.CreateTable(
                name: "feed_invalidations",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_invalidations", x => x.client_id);
                });

            migrationBuilder.CreateTable(
                name: "segments",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    expression = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_segments", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "content_item_versions",
                columns: table => new
                {
                    item_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_content_item_versions", x => new { x.item_id, x.version });
                    table.ForeignKey(
                        name: "FK_content_item_versions_content_items_item_id",
                        column: x => x.item_id,
                        principalTable: "content_items",
                        principalColumn: "item_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_content_items_kind",
                table: "content_items",
                column: "kind");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_profiles");

            migrationBuilder.DropTable(
                name: "content_item_versions");

            migrationBuilder.DropTable(
                name: "feed_invalidations");

            migrationBuilder.DropTable(
                name: "segments");

            migrationBuilder.DropTable(
                name: "content_items");
        }
    }
}
