using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.ServiceDefaults.Validation;

namespace Platform.Engagement.Lifecycle;

internal sealed class ClientStateConfiguration : IEntityTypeConfiguration<ClientState>
{
    public const string Table = "client_states";

    public void Configure(EntityTypeBuilder<ClientState> state)
    {
        state.ToTable(Table, t => t.HasCheckConstraint("ck_client_states_stage", "stage IS NULL OR stage IN ('S1','S2','S3','S4','S5','S6')"));
        state.HasKey(s => s.ClientId);
        // Every batch rewrites its clients' rows: room on the page lets the new version stay there (a HOT update, no index write).
        state.HasStorageParameter("fillfactor", 80);
        state.Property(s => s.ClientId).HasColumnName("client_id").HasMaxLength(ClientIds.MaxLength);
        state.Property(s => s.RegisteredAt).HasColumnName("registered_at");
        state.Property(s => s.ApprovedAt).HasColumnName("approved_at");
        state.Property(s => s.FirstDepositAt).HasColumnName("first_deposit_at");
        state.Property(s => s.FirstInvestmentAt).HasColumnName("first_investment_at");
        state.Property(s => s.LastInvestmentAt).HasColumnName("last_investment_at");
        state.Property(s => s.Investments).HasColumnName("investments");
        state.Property(s => s.LastLoginAt).HasColumnName("last_login_at");
        state.Property(s => s.Tier).HasColumnName("tier").HasMaxLength(2);
        state.Property(s => s.TierChangedAt).HasColumnName("tier_changed_at");
        state.Property(s => s.AmountToNextTier).HasColumnName("amount_to_next_tier");
        state.Property(s => s.AmountToNextTierAt).HasColumnName("amount_to_next_tier_at");
        state.Property(s => s.SnapshotDate).HasColumnName("snapshot_date");
        state.Property(s => s.TotalAssets).HasColumnName("total_assets");
        state.Property(s => s.Cash).HasColumnName("cash");
        state.Property(s => s.IdleCashDays).HasColumnName("idle_cash_days");
        state.Property(s => s.DailyDates).HasColumnName("daily_dates").HasDefaultValueSql("'{}'");
        state.Property(s => s.DailyTotals).HasColumnName("daily_totals").HasDefaultValueSql("'{}'");
        state.Property(s => s.DailyCash).HasColumnName("daily_cash").HasDefaultValueSql("'{}'");
        state.Property(s => s.DailyTakenAt).HasColumnName("daily_taken_at").HasDefaultValueSql("'{}'");
        state.Property(s => s.TransferOutAt).HasColumnName("transfer_out_at").HasDefaultValueSql("'{}'");
        state.Property(s => s.TransferOutAmounts).HasColumnName("transfer_out_amounts").HasDefaultValueSql("'{}'");
        state.Property(s => s.Stage).HasColumnName("stage").HasMaxLength(2);
        state.Property(s => s.StageChangedAt).HasColumnName("stage_changed_at");
        state.Property(s => s.NextCheckAt).HasColumnName("next_check_at");
        state.Property(s => s.Erased).HasColumnName("erased");
        // Money columns are plain numeric: the wire carries up to 9 decimals exactly, and a rounded copy would not compare equal.
        // The sweeper's claim: only rows with a time-driven change ahead are in it.
        state.HasIndex(s => s.NextCheckAt).HasDatabaseName("ix_client_states_next_check").HasFilter("next_check_at IS NOT NULL");
    }
}
