using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Timeline;

/// <summary>
/// A fact Engagement learned about a client from another service's events. It is the raw
/// material of lifecycle stages and key moments; it holds names of steps and types, never PII.
/// </summary>
public sealed class ObservedEvent
{
    public Guid EventId { get; init; }

    public required string ClientId { get; init; }

    public required string SourceTopic { get; init; }

    public required string EventType { get; init; }

    public required string Summary { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class ObservedEventConfiguration : IEntityTypeConfiguration<ObservedEvent>
{
    public void Configure(EntityTypeBuilder<ObservedEvent> observed)
    {
        observed.ToTable("observed_events");
        observed.HasKey(e => e.EventId);
        observed.Property(e => e.EventId).HasColumnName("event_id");
        observed.Property(e => e.ClientId).HasColumnName("client_id").HasMaxLength(64);
        observed.Property(e => e.SourceTopic).HasColumnName("source_topic").HasMaxLength(249);
        observed.Property(e => e.EventType).HasColumnName("event_type").HasMaxLength(200);
        observed.Property(e => e.Summary).HasColumnName("summary").HasMaxLength(200);
        observed.Property(e => e.OccurredAt).HasColumnName("occurred_at");
        observed.Property(e => e.ReceivedAt).HasColumnName("received_at");
        observed.HasIndex(e => new { e.ClientId, e.OccurredAt });
    }
}
