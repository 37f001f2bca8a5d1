using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Tiering.Tiers;

internal sealed class ClientTierConfiguration : IEntityTypeConfiguration<ClientTier>
{
    public void Configure(EntityTypeBuilder<ClientTier> client)
    {
        client.ToTable("client_tiers");
        client.HasKey(c => c.ClientId);
        client.Property(c => c.ClientId).HasColumnName("client_id").HasMaxLength(Platform.ServiceDefaults.Validation.ClientIds.MaxLength);
        client.Property(c => c.Tier).HasColumnName("tier").HasConversion<string>().HasMaxLength(2);
        client.Property(c => c.Since).HasColumnName("since");
        client.Property(c => c.AverageDailyAssets).HasColumnName("average_daily_assets").HasPrecision(20, 2);
        client.Property(c => c.WarningIssuedAt).HasColumnName("warning_issued_at");
        client.Property(c => c.WarningReviewAt).HasColumnName("warning_review_at");
        client.Property(c => c.NearTierNotified).HasColumnName("near_tier_notified").HasConversion<string>().HasMaxLength(2);
        client.Property(c => c.LastReviewAt).HasColumnName("last_review_at");
        client.Property(c => c.ApprovedAt).HasColumnName("approved_at");
        client.Property(c => c.CalculatedOn).HasColumnName("calculated_on");
        client.Property(c => c.TableVersion).HasColumnName("table_version");
        // Bumped by the trigger client_tiers_version (migration ClientTierVersion); EF reads it back after each save.
        client.Property(c => c.Version).HasColumnName("version").HasDefaultValue(1L).ValueGeneratedOnAddOrUpdate();
        client.Ignore(c => c.Warning);
    }
}

/// <summary>One tier change, kept for good: from, to, why, when, and the ADA that decided it.</summary>
public sealed class TierHistoryEntry
{
    public long Id { get; init; }

    public required string ClientId { get; init; }

    public Tier From { get; init; }

    public Tier To { get; init; }

    public required string Reason { get; init; }

    public decimal AverageDailyAssets { get; init; }

    public DateTimeOffset At { get; init; }
}

internal sealed class TierHistoryEntryConfiguration : IEntityTypeConfiguration<TierHistoryEntry>
{
    public void Configure(EntityTypeBuilder<TierHistoryEntry> entry)
    {
        entry.ToTable("tier_history");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Id).HasColumnName("id").UseIdentityAlwaysColumn();
        entry.Property(e => e.ClientId).HasColumnName("client_id").HasMaxLength(Platform.ServiceDefaults.Validation.ClientIds.MaxLength);
        entry.Property(e => e.From).HasColumnName("from_tier").HasConversion<string>().HasMaxLength(2);
        entry.Property(e => e.To).HasColumnName("to_tier").HasConversion<string>().HasMaxLength(2);
        entry.Property(e => e.Reason).HasColumnName("reason").HasMaxLength(32);
        entry.Property(e => e.AverageDailyAssets).HasColumnName("average_daily_assets").HasPrecision(20, 2);
        entry.Property(e => e.At).HasColumnName("at");
        entry.HasIndex(e => new { e.ClientId, e.Id });
    }
}

/// <summary>A version of the tier table as operators saved it; the highest version applies.</summary>
public sealed class StoredTierTable
{
    public int Version { get; init; }

    public required decimal[] Minimums { get; init; }

    public int WindowDays { get; init; }

    public decimal DowngradeBelow { get; init; }

    public decimal NearNextTier { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public TierTable ToTable() => new(Version, Minimums, WindowDays, DowngradeBelow, NearNextTier);
}

internal sealed class StoredTierTableConfiguration : IEntityTypeConfiguration<StoredTierTable>
{
    public void Configure(EntityTypeBuilder<StoredTierTable> table)
    {
        table.ToTable("tier_tables");
        table.HasKey(t => t.Version);
        table.Property(t => t.Version).HasColumnName("version").ValueGeneratedNever();
        table.Property(t => t.Minimums).HasColumnName("minimums").HasColumnType("numeric(20,2)[]");
        table.Property(t => t.WindowDays).HasColumnName("window_days");
        table.Property(t => t.DowngradeBelow).HasColumnName("downgrade_below").HasPrecision(5, 4);
        table.Property(t => t.NearNextTier).HasColumnName("near_next_tier").HasPrecision(5, 4);
        table.Property(t => t.CreatedAt).HasColumnName("created_at");
        var defaults = TierTable.Default;
        table.HasData(new StoredTierTable
        {
            Version = defaults.Version, Minimums = [.. defaults.Minimums], WindowDays = defaults.WindowDays,
            DowngradeBelow = defaults.DowngradeBelow, NearNextTier = defaults.NearNextTier,
            CreatedAt = new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero),
        });
    }
}
