using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Inbox;

/// <summary>
/// One message of a client's in-app inbox: the words of a sent outreach, kept whatever channel it went out on (but an
/// advisor task), one per moment instance. The words are Content's rendered item: never PII.
/// </summary>
public sealed class InboxEntry
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 4000;

    public Guid MessageId { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The instance it was sent for: one inbox message per instance, whatever retries the delivery took.</summary>
    public required string InstanceKey { get; init; }

    public required string Moment { get; init; }

    public required string Channel { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> entry)
    {
        entry.ToTable("client_inbox");
        entry.HasKey(e => e.MessageId);
        entry.Property(e => e.MessageId).HasColumnName("message_id");
        entry.Property(e => e.ClientId).HasColumnName("client_id").HasMaxLength(64);
        entry.Property(e => e.InstanceKey).HasColumnName("instance_key").HasMaxLength(300);
        entry.Property(e => e.Moment).HasColumnName("moment").HasMaxLength(40);
        entry.Property(e => e.Channel).HasColumnName("channel").HasMaxLength(20);
        entry.Property(e => e.Title).HasColumnName("title").HasMaxLength(InboxEntry.MaxTitleLength);
        entry.Property(e => e.Body).HasColumnName("body").HasMaxLength(InboxEntry.MaxBodyLength);
        entry.Property(e => e.CreatedAt).HasColumnName("created_at");
        entry.Property(e => e.ReadAt).HasColumnName("read_at");
        entry.HasIndex(e => e.InstanceKey).IsUnique();
        // The inbox reads a client's newest messages.
        entry.HasIndex(e => new { e.ClientId, e.CreatedAt });
    }
}
