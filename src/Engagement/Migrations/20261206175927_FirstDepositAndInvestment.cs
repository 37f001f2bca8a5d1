using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class FirstDepositAndInvestment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No schema change: event.first is worked out from client_states. M06 and M08 now fire only on the client's first
            // deposit / first investment, where a database still holds them as seeded (an operator's edit is left alone).
            migrationBuilder.Sql(Platform.Engagement.Rules.RuleSeedSql.Reseed(new DateTimeOffset(2026, 12, 6, 17, 59, 27, TimeSpan.Zero), "M06", "M08"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier seed's rules are kept as version 1 in rule_versions; going back leaves the current rules (a rule is data).
        }
    }
}
