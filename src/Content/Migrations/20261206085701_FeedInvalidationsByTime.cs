using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class FeedInvalidationsByTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_feed_invalidations_requested_at",
                table: "feed_invalidations",
                column: "requested_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_feed_invalidations_requested_at",
                table: "feed_invalidations");
        }
    }
}
