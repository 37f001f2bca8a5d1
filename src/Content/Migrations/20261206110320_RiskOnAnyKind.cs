using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class RiskOnAnyKind : Migration
    {
        // The seeded service and campaign that lead to trading stocks reached prospects without an assessment: they get the
        // seeded equity ETF's R4 as their next version, with its history row. Only where they are still the seed's version 1
        // without a risk: an operator's edit stands (it says what the operator decided), and a second run changes nothing.
        // Literal values, not CatalogSeed's: a migration must do the same thing whatever the code says later. An unedited
        // seed item that is an arm of a running experiment now differs from its other arms in risk: stop that experiment.
        public const string RateSeededTradingItems =
            """
            WITH rated AS (
                UPDATE content_items SET risk = 4, version = version + 1, updated_at = now()
                WHERE item_id IN ('trading-signals', 'new-client-offer') AND version = 1 AND risk IS NULL
                RETURNING item_id, version, updated_at)
            INSERT INTO content_item_versions (item_id, version, definition, saved_at)
            SELECT r.item_id, r.version,
                h.definition || jsonb_build_object('risk', 'R4', 'version', r.version,
                    'updatedAt', to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                r.updated_at
            FROM rated r JOIN content_item_versions h ON h.item_id = r.item_id AND h.version = 1;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_content_items_risk",
                table: "content_items");

            migrationBuilder.AddCheckConstraint(
                name: "ck_content_items_risk",
                table: "content_items",
                sql: "(kind <> 'Product' OR risk IS NOT NULL) AND (risk IS NULL OR risk BETWEEN 1 AND 5)");

            migrationBuilder.Sql(RateSeededTradingItems);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier schema holds a risk on products only; code of that time could not apply one to another kind anyway.
            migrationBuilder.Sql("UPDATE content_items SET risk = NULL WHERE kind <> 'Product' AND risk IS NOT NULL;");
            migrationBuilder.DropCheckConstraint(
                name: "ck_content_items_risk",
                table: "content_items");

            migrationBuilder.AddCheckConstraint(
                name: "ck_content_items_risk",
                table: "content_items",
                sql: "(kind = 'Product') = (risk IS NOT NULL) AND (risk IS NULL OR risk BETWEEN 1 AND 5)");
        }
    }
}
