namespace Platform.Gateway.Engagement;

/// <summary>The settings in force (GET) or just stored (PUT), as the PUT gave them, with their version.</summary>
internal sealed record SettingsResponse(
    SettingsQuietHours QuietHours,
    Dictionary<string, SettingsCap> Caps,
    decimal HoldoutPercent,
    string AdvisorTaskFromTier,
    SettingsAdvisorTaskSla AdvisorTaskSla,
    string PriorityWindow,
    decimal IdleCashThreshold,
    int Version,
    DateTimeOffset ChangedAt);
