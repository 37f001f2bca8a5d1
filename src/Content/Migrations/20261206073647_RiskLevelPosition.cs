using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class RiskLevelPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "risk_assessed_at",
                table: "client_profiles");

            migrationBuilder.AddColumn<long>(
                name: "risk_level_position",
                table: "client_profiles",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "risk_level_position",
                table: "client_profiles");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "risk_assessed_at",
                table: "client_profiles",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
