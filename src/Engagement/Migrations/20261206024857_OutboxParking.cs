using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class OutboxParking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "parked_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_failing",
                table: "outbox_messages",
                columns: new[] { "topic", "message_key" },
                filter: "attempts > 0");

            // attempts used to count every failure, outages included; now it counts only failures that say
            // something about the row, and a row with attempts > 0 holds back its client's later events.
            migrationBuilder.Sql("UPDATE outbox_messages SET attempts = 0 WHERE attempts > 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_failing",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "parked_at",
                table: "outbox_messages");
        }
    }
}
