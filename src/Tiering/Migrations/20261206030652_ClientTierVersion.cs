using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Tiering.Migrations
{
    /// <inheritdoc />
    public partial class ClientTierVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "client_tiers",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            // Every update of a row adds one to its version, whoever writes it (EF or the sweep's set-based UPDATE):
            // cached copies carry it, and an older copy never replaces a newer one in Redis.
            migrationBuilder.Sql("""
                CREATE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.version := OLD.version + 1;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER client_tiers_version BEFORE UPDATE ON client_tiers FOR EACH ROW EXECUTE FUNCTION bump_row_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER client_tiers_version ON client_tiers; DROP FUNCTION bump_row_version();");

            migrationBuilder.DropColumn(
                name: "version",
                table: "client_tiers");
        }
    }
}
