using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class KeyMomentSignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No schema change: the new client facts are worked out from client_states. The seeded moments whose rules now say
            // DOMAIN.md's definition, where a database still holds them as seeded (an operator's edit is left alone).
            migrationBuilder.Sql(Platform.Engagement.Rules.RuleSeedSql.Reseed(new DateTimeOffset(2026, 12, 6, 17, 6, 30, TimeSpan.Zero), "M09", "M10", "M16", "M17"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The earlier seed's rules are kept as version 1 in rule_versions; going back leaves the current rules (a rule is data).
        }
    }
}
