using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <summary>
    /// The model stops owning the seeded catalogue (HasData removed; SeedCatalog inserts it with CatalogSeedSql). Only the
    /// model snapshot changes. EF scaffolded DeleteData for every seeded item and version row (and InsertData to undo it);
    /// both were removed by hand: on a deployed database those rows are live items operators may have edited, and they
    /// stay exactly as they are.
    /// </summary>
    public partial class RemoveCatalogSeedTracking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
