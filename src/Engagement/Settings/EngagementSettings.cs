namespace Platform.Engagement.Settings;

/// <summary>
/// What operators tune in the decision pipeline (API.md, GET|PUT /v1/config/engagement). Every field is checked by
/// <see cref="SettingsSpec"/> before a version is stored, so a stored version is always usable.
/// </summary>
/// <param name="Caps">Per channel; a channel without a cap is not capped.</param>
/// <param name="HoldoutPercent">0..100 with at most two decimals: the holdout's buckets are hundredths of a percent.</param>
/// <param name="AdvisorTaskFromTier">From this tier level up, an SMS becomes an advisor task.</param>
/// <param name="PriorityWindow">Moments of one client this close together compete: only the highest priority goes.</param>
/// <param name="IdleCashThreshold">CNY of cash from which a day counts as idle (client.idleCashDays).</param>
public sealed record EngagementSettings(
    QuietHours QuietHours,
    IReadOnlyDictionary<string, FrequencyCap> Caps,
    decimal HoldoutPercent,
    int AdvisorTaskFromTier,
    AdvisorTaskSla AdvisorTaskSla,
    TimeSpan PriorityWindow,
    decimal IdleCashThreshold);
