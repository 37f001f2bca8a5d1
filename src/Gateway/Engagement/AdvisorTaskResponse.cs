namespace Platform.Gateway.Engagement;

internal sealed record AdvisorTaskListResponse(IReadOnlyList<AdvisorTaskResponse> Tasks);

/// <summary>One advisor task: status open or done; overdue when open past dueAt; tier null when Tiering had published none.</summary>
internal sealed record AdvisorTaskResponse(
    string TaskId, string ClientId, string Moment, string InstanceKey, string? Tier, string Title, string Body,
    DateTimeOffset CreatedAt, DateTimeOffset DueAt, string Status, DateTimeOffset? CompletedAt, string? CompletedBy, bool Overdue);
