namespace Platform.Engagement.Policies;

/// <summary>A moment instance of one client waiting to go, as priority resolution sees it.</summary>
public sealed record PriorityCandidate(string InstanceKey, string RuleKey, int Priority, DateTimeOffset FiredAt);
