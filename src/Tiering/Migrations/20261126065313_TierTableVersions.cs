using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Tiering.Migrations
{
    /// <inheritdoc />
    public partial class TierTableVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "table_version",
                table: "client_tiers",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "table_version",
                table: "client_tiers");
        }
    }
}
