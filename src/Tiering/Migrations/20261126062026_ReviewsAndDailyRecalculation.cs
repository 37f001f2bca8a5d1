using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Tiering.Migrations
{
    /// <inheritdoc />
    public partial class ReviewsAndDailyRecalculation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "client_tiers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateOnly>(
                name: "calculated_on",
                table: "client_tiers",
                type: "date",
                nullable: true);

            // Clients stored before this column: their tier's start is the closest known approval time.
            migrationBuilder.Sql("UPDATE client_tiers SET approved_at = since");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "client_tiers");

            migrationBuilder.DropColumn(
                name: "calculated_on",
                table: "client_tiers");
        }
    }
}
