using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Outreach;

/// <summary>
/// One moment instance: a rule that fired for a client, keyed by its instance key (rule, client and the business key
/// of the rule's <c>once</c>), which the database keeps unique, so a replayed or re-derived trigger, a restart and a
/// second replica can never make a second one. It is created <see cref="OutreachDecisions.Pending"/> when the rule
/// fires and decided by the pipeline after the priority window (erased, holdout, content, caps, quiet hours,
/// priority, advisor routing); its decision and reason are the audit of API.md. A deferred instance is decided again
/// at <see cref="DecideAfter"/>; the words chosen are kept for the inbox and the delivery, and blanked on erasure.
/// </summary>
public sealed class OutreachInstance
{
    public const int MaxKeyLength = 300;

    public required string InstanceKey { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The rule's key: M01..M17 or an operator's.</summary>
    public required string Moment { get; init; }

    public int RuleVersion { get; init; }

    /// <summary>The rule's priority when it fired (0..100): the highest of a client's instances within the priority window goes.</summary>
    public int Priority { get; init; }

    /// <summary>The event that fired it (for an absence or a schedule: the event that started the wait), if any.</summary>
    public Guid? TriggerEventId { get; init; }

    public DateTimeOffset FiredAt { get; init; }

    /// <summary>The channel the rule's action (and its escalations) chose when it fired; the decision may move it (advisor task, inbox when capped).</summary>
    public required string Channel { get; set; }

    /// <summary>The values Content renders the words with (amount, date) and the product the moment is about, as JSON; null: none.</summary>
    public string? ContentValues { get; init; }

    /// <summary><see cref="OutreachDecisions"/>: pending until decided.</summary>
    public required string Decision { get; set; }

    /// <summary><see cref="OutreachReasons"/>, or null when sent.</summary>
    public string? Reason { get; set; }

    /// <summary>When the decision worker may take it: the end of the priority window, or of the quiet hours for a deferred one.</summary>
    public DateTimeOffset DecideAfter { get; set; }

    public DateTimeOffset? DeferredUntil { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The content item chosen (Content's SelectContent), and its rendered words, kept for the inbox and the delivery.</summary>
    public string? ItemId { get; set; }

    public string? Title { get; set; }

    public string? Body { get; set; }

    /// <summary>
    /// The running Content experiment whose arm the chosen words are, and the arm (variant); null when they are in none.
    /// Kept with the words so the decision names the arm it was reached with; Content counts the exposure of a sent one.
    /// </summary>
    public string? ExperimentKey { get; set; }

    public string? Variant { get; set; }
}

internal sealed class OutreachInstanceConfiguration : IEntityTypeConfiguration<OutreachInstance>
{
    public void Configure(EntityTypeBuilder<OutreachInstance> instance)
    {
        instance.ToTable("outreach_instances");
        instance.HasKey(i => i.InstanceKey);
        instance.Property(i => i.InstanceKey).HasColumnName("instance_key").HasMaxLength(OutreachInstance.MaxKeyLength);
        instance.Property(i => i.ClientId).HasColumnName("client_id").HasMaxLength(64);
        instance.Property(i => i.Moment).HasColumnName("moment").HasMaxLength(40);
        instance.Property(i => i.RuleVersion).HasColumnName("rule_version");
        instance.Property(i => i.Priority).HasColumnName("priority");
        instance.Property(i => i.TriggerEventId).HasColumnName("trigger_event_id");
        instance.Property(i => i.FiredAt).HasColumnName("fired_at");
        instance.Property(i => i.Channel).HasColumnName("channel").HasMaxLength(20);
        instance.Property(i => i.ContentValues).HasColumnName("content_values").HasColumnType("jsonb");
        instance.Property(i => i.Decision).HasColumnName("decision").HasMaxLength(20);
        instance.Property(i => i.Reason).HasColumnName("reason").HasMaxLength(30);
        instance.Property(i => i.DecideAfter).HasColumnName("decide_after");
        instance.Property(i => i.DeferredUntil).HasColumnName("deferred_until");
        instance.Property(i => i.DecidedAt).HasColumnName("decided_at");
        instance.Property(i => i.DeliveredAt).HasColumnName("delivered_at");
        instance.Property(i => i.ItemId).HasColumnName("item_id").HasMaxLength(64);
        instance.Property(i => i.Title).HasColumnName("title").HasMaxLength(200);
        instance.Property(i => i.Body).HasColumnName("body").HasMaxLength(4000);
        // Content's bounds on an experiment's key and a variant's name.
        instance.Property(i => i.ExperimentKey).HasColumnName("experiment_key").HasMaxLength(64);
        instance.Property(i => i.Variant).HasColumnName("variant").HasMaxLength(32);
        // The audit reads a client's instances; caps and priority read a client's recent ones.
        instance.HasIndex(i => new { i.ClientId, i.FiredAt });
        // The decision worker claims the due undecided ones (pending, or deferred until the end of the quiet hours).
        instance.HasIndex(i => i.DecideAfter).HasFilter("decision IN ('pending', 'deferred')").HasDatabaseName("ix_outreach_instances_due");
        // The moments report counts by moment over a firing period.
        instance.HasIndex(i => new { i.Moment, i.FiredAt });
    }
}
