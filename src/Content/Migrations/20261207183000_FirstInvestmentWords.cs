using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class FirstInvestmentWords : Migration
    {
        // The seeded M08 inbox message said "You are now {{stage}}.", and {{stage}} is the stage's code: clients read "You are
        // now S4.". Its next version says it in words, with its history row. Only where it is still the seed's version 1 with
        // the seed's body: an operator's edit stands, and a second run changes nothing. Literal values, not CatalogSeed's: a
        // migration must do the same thing whatever the code says later (CatalogSeed keeps version 1, as SeedCatalog wrote it).
        // An unedited m08-inbox that is an arm of a running experiment changes words mid-run: stop that experiment.
        public const string RewordFirstInvestment =
            """
            WITH reworded AS (
                UPDATE content_items
                SET body = 'You are now an investing client. Follow our insights to keep track of your investments.',
                    version = version + 1, updated_at = now()
                WHERE item_id = 'm08-inbox' AND version = 1
                  AND body = 'You are now {{stage}}. Follow our insights to keep track of your investments.'
                  -- Both rows or neither: the history's version 1 to build on, and no version 2 in the way.
                  AND EXISTS (SELECT 1 FROM content_item_versions h WHERE h.item_id = content_items.item_id AND h.version = 1)
                  AND NOT EXISTS (SELECT 1 FROM content_item_versions h WHERE h.item_id = content_items.item_id AND h.version = 2)
                RETURNING item_id, body, version, updated_at)
            INSERT INTO content_item_versions (item_id, version, definition, saved_at)
            SELECT r.item_id, r.version,
                h.definition || jsonb_build_object('body', r.body, 'version', r.version,
                    'updatedAt', to_char(r.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                r.updated_at
            FROM reworded r JOIN content_item_versions h ON h.item_id = r.item_id AND h.version = 1;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RewordFirstInvestment);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the earlier schema and code read the reworded item as they read any operator's edit.
        }
    }
}
