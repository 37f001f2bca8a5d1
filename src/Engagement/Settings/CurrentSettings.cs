namespace Platform.Engagement.Settings;

/// <summary>The settings in force and the version they are.</summary>
public sealed record CurrentSettings(int Version, EngagementSettings Settings, DateTimeOffset ChangedAt);
