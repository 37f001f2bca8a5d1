using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Onboarding.Migrations
{
    /// <inheritdoc />
    public partial class BackfillRejectedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // RejectedAt added the column without a value for the funnels already in rework, so for them an older
            // rejection or a step dated before the rejection still acted by arrival. The rejection's own date was not
            // kept; the latest activity is an upper bound of it (a rejection moves the latest activity on): from now on
            // a rejection older than it changes nothing, and a rework step dated between the true rejection and it,
            // arriving late, is kept as reached without moving the client (the client's next step does).
            migrationBuilder.Sql("UPDATE client_funnels SET rejected_at = last_activity_at WHERE in_rework AND rejected_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the dates are as good as NULL for the code before.
        }
    }
}
