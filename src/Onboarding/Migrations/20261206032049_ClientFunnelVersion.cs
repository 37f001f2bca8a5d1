using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class ClientFunnelVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "client_funnels",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            // Every update of a row adds one to its version, whoever writes it (EF or the step path's upsert):
            // cached progress copies carry it, and an older copy never replaces a newer one in Redis.
            migrationBuilder.Sql("""
                CREATE FUNCTION bump_row_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.version := OLD.version + 1;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER client_funnels_version BEFORE UPDATE ON client_funnels FOR EACH ROW EXECUTE FUNCTION bump_row_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER client_funnels_version ON client_funnels; DROP FUNCTION bump_row_version();");

            migrationBuilder.DropColumn(
                name: "version",
                table: "client_funnels");
        }
    }
}
