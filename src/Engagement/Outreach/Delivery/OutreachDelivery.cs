using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Outreach.Delivery;

/// <summary>
/// One sent instance's way out through a channel adapter (push, SMS, WeCom, live stream), queued in the decision's
/// own transaction, so a crash between the decision and the delivery still delivers. One per instance (the instance
/// key is unique), with one message id for every attempt: the provider's idempotency key.
/// </summary>
public sealed class OutreachDelivery
{
    public const int MaxErrorLength = 500;

    public Guid MessageId { get; init; }

    public required string InstanceKey { get; init; }

    public required string ClientId { get; init; }

    public required string Channel { get; init; }

    /// <summary><see cref="DeliveryStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>Attempts claimed so far (a claim counts one, whether or not its send finished).</summary>
    public int Attempts { get; set; }

    /// <summary>When a worker may claim it next: due at once when queued, after the backoff when retried, after the lease while claimed.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

internal sealed class OutreachDeliveryConfiguration : IEntityTypeConfiguration<OutreachDelivery>
{
    public void Configure(EntityTypeBuilder<OutreachDelivery> delivery)
    {
        delivery.ToTable("outreach_deliveries");
        delivery.HasKey(d => d.MessageId);
        delivery.Property(d => d.MessageId).HasColumnName("message_id");
        delivery.Property(d => d.InstanceKey).HasColumnName("instance_key").HasMaxLength(OutreachInstance.MaxKeyLength);
        delivery.Property(d => d.ClientId).HasColumnName("client_id").HasMaxLength(64);
        delivery.Property(d => d.Channel).HasColumnName("channel").HasMaxLength(20);
        delivery.Property(d => d.Status).HasColumnName("status").HasMaxLength(20);
        delivery.Property(d => d.Attempts).HasColumnName("attempts");
        delivery.Property(d => d.NextAttemptAt).HasColumnName("next_attempt_at");
        delivery.Property(d => d.LastError).HasColumnName("last_error").HasMaxLength(OutreachDelivery.MaxErrorLength);
        delivery.Property(d => d.CreatedAt).HasColumnName("created_at");
        delivery.Property(d => d.DeliveredAt).HasColumnName("delivered_at");
        // One delivery per instance, whatever replays or replicas enqueue it.
        delivery.HasIndex(d => d.InstanceKey).IsUnique();
        // The worker claims the due queued ones; delivered and failed rows are history it never reads.
        delivery.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'queued'").HasDatabaseName("ix_outreach_deliveries_due");
    }
}
