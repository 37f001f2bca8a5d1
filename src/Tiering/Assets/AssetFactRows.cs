using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Tiering.Assets;

/// <summary>A client's end-of-day snapshot as stored: one per client and day, the latest report of the day.</summary>
public sealed class AssetSnapshotRow
{
    public required string ClientId { get; init; }

    public DateOnly Day { get; init; }

    public decimal TotalAssets { get; init; }

    public DateTimeOffset ReportedAt { get; init; }

    public Guid EventId { get; init; }

    public AssetSnapshot ToSnapshot() => new(Day, TotalAssets, ReportedAt, EventId);
}

/// <summary>A deposit (positive), withdrawal or transfer out (negative) as stored: one per event id.</summary>
public sealed class AssetFlowRow
{
    public required string ClientId { get; init; }

    public Guid EventId { get; init; }

    public DateOnly Day { get; init; }

    public decimal Amount { get; init; }

    public AssetFlow ToFlow() => new(Day, Amount, EventId);
}

internal sealed class AssetSnapshotRowConfiguration : IEntityTypeConfiguration<AssetSnapshotRow>
{
    public void Configure(EntityTypeBuilder<AssetSnapshotRow> snapshot)
    {
        snapshot.ToTable("asset_snapshots");
        snapshot.HasKey(s => new { s.ClientId, s.Day });
        snapshot.Property(s => s.ClientId).HasColumnName("client_id").HasMaxLength(Platform.ServiceDefaults.Validation.ClientIds.MaxLength);
        snapshot.Property(s => s.Day).HasColumnName("day");
        snapshot.Property(s => s.TotalAssets).HasColumnName("total_assets").HasPrecision(20, 2);
        snapshot.Property(s => s.ReportedAt).HasColumnName("reported_at");
        snapshot.Property(s => s.EventId).HasColumnName("event_id");
    }
}

internal sealed class AssetFlowRowConfiguration : IEntityTypeConfiguration<AssetFlowRow>
{
    public void Configure(EntityTypeBuilder<AssetFlowRow> flow)
    {
        flow.ToTable("asset_flows");
        flow.HasKey(f => new { f.ClientId, f.EventId });
        flow.Property(f => f.ClientId).HasColumnName("client_id").HasMaxLength(Platform.ServiceDefaults.Validation.ClientIds.MaxLength);
        flow.Property(f => f.EventId).HasColumnName("event_id");
        flow.Property(f => f.Day).HasColumnName("day");
        flow.Property(f => f.Amount).HasColumnName("amount").HasPrecision(20, 2);
        flow.HasIndex(f => new { f.ClientId, f.Day });
    }
}
