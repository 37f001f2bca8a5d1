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
            // Kept, empty, so that databases that applied it stay in step with the history: the backfill of
            // rejected_at for funnels already in rework moved to FunnelDatesBackfill, run after start in short
            // batches under the client lock instead of a whole-table UPDATE at start.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the dates are as good as NULL for the code before.
        }
    }
}
