using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Content.Migrations
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "experiment_assignments",
                columns: table => new
                {
                    experiment_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    variant = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiment_assignments", x => new { x.client_id, x.experiment_key });
                });

            migrationBuilder.CreateTable(
                name: "experiment_conversions",
                columns: table => new
                {
                    event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    experiment_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiment_conversions", x => new { x.client_id, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "experiment_counts",
                columns: table => new
                {
                    experiment_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    variant = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    slot = table.Column<short>(type: "smallint", nullable: false),
                    exposures = table.Column<long>(type: "bigint", nullable: false),
                    conversions = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiment_counts", x => new { x.experiment_key, x.variant, x.slot });
                });

            migrationBuilder.CreateTable(
                name: "experiment_exposures",
                columns: table => new
                {
                    experiment_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    client_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    variant = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    item_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_exposed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    converted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiment_exposures", x => new { x.experiment_key, x.client_id });
                });

            migrationBuilder.CreateTable(
                name: "experiments",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    variants = table.Column<string>(type: "jsonb", nullable: false),
                    conversion_window = table.Column<TimeSpan>(type: "interval", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_experiments", x => x.key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_experiment_conversions_experiment_key_client_id_occurred_at",
                table: "experiment_conversions",
                columns: new[] { "experiment_key", "client_id", "occurred_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "experiment_assignments");

            migrationBuilder.DropTable(
                name: "experiment_conversions");

            migrationBuilder.DropTable(
                name: "experiment_counts");

            migrationBuilder.DropTable(
                name: "experiment_exposures");

            migrationBuilder.DropTable(
                name: "experiments");
        }
    }
}
