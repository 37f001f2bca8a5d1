using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Engagement.Advisor;

/// <summary>
/// A task for a person (the 7x24 companion or the client's 1:1 advisor) instead of a message: a V5+ client's outreach
/// that would have been an SMS, and every transfer-out (M17). One per moment instance; due within the SLA of the
/// client's tier; completed by an operator.
/// </summary>
public sealed class AdvisorTaskRecord
{
    public const string Open = "open";
    public const string Done = "done";

    public Guid TaskId { get; init; }

    public required string ClientId { get; init; }

    public required string InstanceKey { get; init; }

    public required string Moment { get; init; }

    /// <summary>The client's tier when the task was made (V0..V7), null when Tiering has not published one.</summary>
    public string? Tier { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The operator who completed it (the token's subject).</summary>
    public string? CompletedBy { get; set; }

    public const int MaxCompletedByLength = 200;

    /// <summary>An operator's subject as <see cref="CompletedBy"/> keeps it: a longer token subject is cut, never a failed completion.</summary>
    public static string? CompletedByOf(string? subject) => subject is { Length: > MaxCompletedByLength } ? subject[..MaxCompletedByLength] : subject;

    public string Status => CompletedAt is null ? Open : Done;

    public bool IsOverdueAt(DateTimeOffset now) => CompletedAt is null && DueAt < now;
}

internal sealed class AdvisorTaskConfiguration : IEntityTypeConfiguration<AdvisorTaskRecord>
{
    public void Configure(EntityTypeBuilder<AdvisorTaskRecord> task)
    {
        task.ToTable("advisor_tasks");
        task.HasKey(t => t.TaskId);
        task.Property(t => t.TaskId).HasColumnName("task_id");
        task.Property(t => t.ClientId).HasColumnName("client_id").HasMaxLength(64);
        task.Property(t => t.InstanceKey).HasColumnName("instance_key").HasMaxLength(300);
        task.Property(t => t.Moment).HasColumnName("moment").HasMaxLength(40);
        task.Property(t => t.Tier).HasColumnName("tier").HasMaxLength(2);
        task.Property(t => t.Title).HasColumnName("title").HasMaxLength(200);
        task.Property(t => t.Body).HasColumnName("body").HasMaxLength(4000);
        task.Property(t => t.CreatedAt).HasColumnName("created_at");
        task.Property(t => t.DueAt).HasColumnName("due_at");
        task.Property(t => t.CompletedAt).HasColumnName("completed_at");
        task.Property(t => t.CompletedBy).HasColumnName("completed_by").HasMaxLength(AdvisorTaskRecord.MaxCompletedByLength);
        task.Ignore(t => t.Status);
        task.HasIndex(t => t.InstanceKey).IsUnique();
        // The open queue, oldest due first, and its overdue count, read the open tasks only.
        task.HasIndex(t => t.DueAt).HasFilter("completed_at IS NULL").HasDatabaseName("ix_advisor_tasks_open_due");
        task.HasIndex(t => new { t.ClientId, t.DueAt });
    }
}
