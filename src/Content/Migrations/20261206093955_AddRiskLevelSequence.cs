using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class AddRiskLevelSequence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Onboarding's risk-level sequence of the stored level, which replaces the Kafka offset as its order. Null for
            // the levels stored so far: Onboarding's next numbered event for the client decides, whatever its offset.
            migrationBuilder.AddColumn<long>(
                name: "risk_level_sequence",
                table: "client_profiles",
                type: "bigint",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "risk_level_sequence",
                table: "client_profiles");
        }
    }
}
