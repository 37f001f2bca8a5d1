using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Platform.Tiering.Migrations
{
    /// <inheritdoc />
    public partial class Benefits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "benefits",
                columns: table => new
                {
                    benefit_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    min_tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    quota_count = table.Column<int>(type: "integer", nullable: true),
                    quota_period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefits", x => x.benefit_id);
                    table.CheckConstraint("ck_benefits_quota", "quota_count IS NULL OR quota_count >= 0");
                });

            migrationBuilder.CreateTable(
                name: "benefit_redemptions",
                columns: table => new
                {
                    redemption_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    benefit_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    redemption_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    redeemed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    redeemed_on = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_benefit_redemptions", x => x.redemption_id);
                    table.ForeignKey(
                        name: "FK_benefit_redemptions_benefits_benefit_id",
                        column: x => x.benefit_id,
                        principalTable: "benefits",
                        principalColumn: "benefit_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "benefits",
                columns: new[] { "benefit_id", "active", "kind", "min_tier", "name", "quota_count", "quota_period", "updated_at", "version" },
                values: new object[,]
                {
                    { "commission-discount", true, "Product", "V1", "Commission discount", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "dedicated-advisor", true, "Service", "V6", "Dedicated 1:1 wealth advisor", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "level2-market-data", true, "Service", "V3", "Level-2 market data", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "offline-events", true, "Privilege", "V6", "Offline investor events", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-airport-fast-track", true, "Privilege", "V7", "Premium card: Airport fast-track security", 12, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-airport-lounge", true, "Privilege", "V7", "Premium card: Airport VIP lounge", 12, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-airport-transfer", true, "Privilege", "V7", "Premium card: Airport limousine transfer", 6, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-art-exhibition", true, "Privilege", "V7", "Premium card: Private art exhibition", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-birthday-gift", true, "Privilege", "V7", "Premium card: Birthday gift", 1, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-car-care", true, "Privilege", "V7", "Premium card: Premium car care", 1, "Month", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-chauffeur", true, "Privilege", "V7", "Premium card: Chauffeur service", 6, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-concert-tickets", true, "Privilege", "V7", "Premium card: Concert and theatre tickets", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-dental-care", true, "Privilege", "V7", "Premium card: Dental care", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-economist-briefing", true, "Privilege", "V7", "Premium card: Chief economist private briefing", 1, "Quarter", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-education-advisory", true, "Privilege", "V7", "Premium card: Overseas education advisory", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-estate-planning", true, "Privilege", "V7", "Premium card: Estate and trust planning session", 1, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-family-office", true, "Privilege", "V7", "Premium card: Family office consultation", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-fine-dining", true, "Privilege", "V7", "Premium card: Fine dining reservation", 1, "Month", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-fitness-club", true, "Privilege", "V7", "Premium card: Fitness club pass", 1, "Month", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-golf", true, "Privilege", "V7", "Premium card: Golf green fee", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-health-check", true, "Privilege", "V7", "Premium card: Annual premium health check", 1, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-hotel-night", true, "Privilege", "V7", "Premium card: Complimentary hotel night", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-hotel-upgrade", true, "Privilege", "V7", "Premium card: Luxury hotel room upgrade", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-investment-summit", true, "Privilege", "V7", "Premium card: Private investment summit", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-legal-consultation", true, "Privilege", "V7", "Premium card: Legal consultation", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-lifestyle-concierge", true, "Privilege", "V7", "Premium card: 24/7 lifestyle concierge", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-medical-second-opinion", true, "Privilege", "V7", "Premium card: International medical second opinion", 1, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-priority-subscription", true, "Privilege", "V7", "Premium card: Priority new-issue subscription service", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-rail-lounge", true, "Privilege", "V7", "Premium card: High-speed rail business lounge", 12, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-specialist-appointment", true, "Privilege", "V7", "Premium card: Top-hospital specialist appointment", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-tax-planning", true, "Privilege", "V7", "Premium card: Tax planning consultation", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-travel-insurance", true, "Privilege", "V7", "Premium card: Travel insurance", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-wellness-spa", true, "Privilege", "V7", "Premium card: Wellness spa day", 4, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "premium-card-wine-salon", true, "Privilege", "V7", "Premium card: Wine tasting salon", 2, "Year", new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "research-reports", true, "Service", "V4", "Research reports", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 },
                    { "vip-hotline", true, "Service", "V5", "VIP hotline", null, null, new DateTimeOffset(new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_redemptions_benefit_id",
                table: "benefit_redemptions",
                column: "benefit_id");

            migrationBuilder.CreateIndex(
                name: "IX_benefit_redemptions_client_id_redeemed_on_benefit_id",
                table: "benefit_redemptions",
                columns: new[] { "client_id", "redeemed_on", "benefit_id" });

            migrationBuilder.CreateIndex(
                name: "IX_benefit_redemptions_client_id_redemption_key",
                table: "benefit_redemptions",
                columns: new[] { "client_id", "redemption_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "benefit_redemptions");

            migrationBuilder.DropTable(
                name: "benefits");
        }
    }
}
