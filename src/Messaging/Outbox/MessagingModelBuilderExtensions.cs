using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Outbox;

namespace Platform.Messaging;

/// <summary>Adds the outbox and inbox tables to a service's EF Core model, so its migrations create them.</summary>
public static class MessagingModelBuilderExtensions
{
    /// <summary>Table of events waiting to be published.</summary>
    public const string OutboxTable = "outbox_messages";

    /// <summary>Table of event ids already handled, per consumer group.</summary>
    public const string InboxTable = "inbox_messages";

    /// <summary>Maps <see cref="OutboxMessage"/> and <see cref="InboxMessage"/>.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            outbox.Property(m => m.EventId).HasColumnName("event_id");
            outbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(249);
            outbox.Property(m => m.MessageKey).HasColumnName("message_key").HasMaxLength(200);
            outbox.Property(m => m.EventType).HasColumnName("event_type").HasMaxLength(200);
            outbox.Property(m => m.SchemaVersion).HasColumnName("schema_version");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.Payload).HasColumnName("payload");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            outbox.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
            outbox.Property(m => m.Attempts).HasColumnName("attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.Property(m => m.ParkedAt).HasColumnName("parked_at");
            // The relay's claim skips every (topic, key) that has a failing or parked row; only those rows
            // have attempts > 0, so this index stays as small as the trouble.
            outbox.HasIndex(m => new { m.Topic, m.MessageKey }).HasDatabaseName("ix_outbox_messages_failing").HasFilter("attempts > 0");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.Consumer, m.EventId });
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.EventId).HasColumnName("event_id");
            inbox.Property(m => m.HandledAt).HasColumnName("handled_at");
        });
        return modelBuilder;
    }
}
