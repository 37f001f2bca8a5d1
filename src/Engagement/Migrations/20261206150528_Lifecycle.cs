using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Engagement.Migrations
{
    /// <inheritdoc />
    public partial class Lifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_states",
                columns: table => new
                {
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_deposit_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_investment_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_investment_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    investments = table.Column<int>(type: "integer", nullable: false),
                    last_login_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    tier = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    tier_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    amount_to_next_tier = table.Column<decimal>(type: "numeric", nullable: true),
                    amount_to_next_tier_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    snapshot_date = table.Column<DateOnly>(type: "date", nullable: true),
                    total_assets = table.Column<decimal>(type: "numeric", nullable: true),
                    cash = table.Column<decimal>(type: "numeric", nullable: true),
                    idle_cash_days = table.Column<int>(type: "integer", nullable: false),
                    daily_dates = table.Column<DateOnly[]>(type: "date[]", nullable: false, defaultValueSql: "'{}'"),
                    daily_totals = table.Column<decimal[]>(type: "numeric[]", nullable: false, defaultValueSql: "'{}'"),
                    daily_cash = table.Column<decimal[]>(type: "numeric[]", nullable: false, defaultValueSql: "'{}'"),
                    daily_taken_at = table.Column<DateTimeOffset[]>(type: "timestamp with time zone[]", nullable: false, defaultValueSql: "'{}'"),
                    transfer_out_at = table.Column<DateTimeOffset[]>(type: "timestamp with time zone[]", nullable: false, defaultValueSql: "'{}'"),
                    transfer_out_amounts = table.Column<decimal[]>(type: "numeric[]", nullable: false, defaultValueSql: "'{}'"),
                    stage = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    stage_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    erased = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_client_states", x => x.client_id);
                    table.CheckConstraint("ck_client_states_stage", "stage IS NULL OR stage IN ('S1','S2','S3','S4','S5','S6')");
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "ix_client_states_next_check",
                table: "client_states",
                column: "next_check_at",
                filter: "next_check_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "client_states");
        }
    }
}
