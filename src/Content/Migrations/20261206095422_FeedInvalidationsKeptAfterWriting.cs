using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class FeedInvalidationsKeptAfterWriting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_feed_invalidations_requested_at",
                table: "feed_invalidations");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "written_at",
                table: "feed_invalidations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "feed_redis_incarnation",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    incarnation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    noted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_redis_incarnation", x => x.id);
                    table.CheckConstraint("ck_feed_redis_incarnation_one_row", "id = 1");
                });

            migrationBuilder.CreateIndex(
                name: "IX_feed_invalidations_requested_at",
                table: "feed_invalidations",
                column: "requested_at",
                filter: "written_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_feed_invalidations_written_at",
                table: "feed_invalidations",
                column: "written_at",
                filter: "written_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feed_redis_incarnation");

            migrationBuilder.DropIndex(
                name: "IX_feed_invalidations_requested_at",
                table: "feed_invalidations");

            migrationBuilder.DropIndex(
                name: "IX_feed_invalidations_written_at",
                table: "feed_invalidations");

            migrationBuilder.DropColumn(
                name: "written_at",
                table: "feed_invalidations");

            migrationBuilder.CreateIndex(
                name: "IX_feed_invalidations_requested_at",
                table: "feed_invalidations",
                column: "requested_at");
        }
    }
}
