using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Tiering.Migrations
{
    /// <inheritdoc />
    public partial class BenefitVersionConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
