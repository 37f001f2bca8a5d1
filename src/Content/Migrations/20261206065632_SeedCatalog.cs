using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class SeedCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Raw INSERT ... ON CONFLICT DO NOTHING, not InsertData from the model's HasData: the model no longer owns seeded
            // rows, so no later migration can overwrite an operator's edit of one (see CatalogSeedSql). Frozen text: InsertSeed.
            migrationBuilder.Sql(InsertSeed);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "auto-invest", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "balanced-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "bond-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "csi300-etf", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "growth-stock-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m01-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m01-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m02-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m03-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m03-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m03-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m04-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m04-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m05-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m05-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m05-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m06-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m07-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m07-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m08-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m09-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m09-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m10-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m10-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m10-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m11-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m12-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m12-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m13-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m13-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m13-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m14-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m14-push", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m15-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m16-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m16-inbox", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m16-sms", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "m17-advisor-task", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "money-market-fund", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "morning-brief", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "new-client-offer", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "next-tier", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "portfolio-review", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "price-alerts", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "refer-a-friend", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "tier-benefits", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "trading-signals", 1 });

            migrationBuilder.DeleteData(
                table: "content_item_versions",
                keyColumns: new[] { "item_id", "version" },
                keyValues: new object[] { "weekly-outlook", 1 });

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "auto-invest");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "balanced-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "bond-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "csi300-etf");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "growth-stock-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m01-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m01-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m02-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m03-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m03-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m03-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m04-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m04-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m05-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m05-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m05-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m06-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m07-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m07-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m08-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m09-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m09-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m10-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m10-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m10-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m11-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m12-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m12-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m13-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m13-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m13-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m14-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m14-push");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m15-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m16-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m16-inbox");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m16-sms");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "m17-advisor-task");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "money-market-fund");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "morning-brief");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "new-client-offer");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "next-tier");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "portfolio-review");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "price-alerts");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "refer-a-friend");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "tier-benefits");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "trading-signals");

            migrationBuilder.DeleteData(
                table: "content_items",
                keyColumn: "item_id",
                keyValue: "weekly-outlook");
        }
    }
}
