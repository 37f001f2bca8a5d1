namespace Platform.Gateway.Engagement;

/// <summary>
/// PUT /v1/config/engagement (API.md, Engagement; advisorTaskSla, priorityWindow and idleCashThreshold added): the whole
/// settings, each PUT the next version. Engagement checks every value and names the field it refuses.
/// </summary>
public sealed class SettingsRequest
{
    public SettingsQuietHours? QuietHours { get; init; }

    /// <summary>Channel -> cap; a channel left out is not capped.</summary>
    public Dictionary<string, SettingsCap>? Caps { get; init; }

    /// <summary>0..100, at most 2 decimals.</summary>
    public decimal? HoldoutPercent { get; init; }

    /// <summary>V0..V7: from this tier up an SMS becomes an advisor task.</summary>
    public string? AdvisorTaskFromTier { get; init; }

    public SettingsAdvisorTaskSla? AdvisorTaskSla { get; init; }

    /// <summary>ISO 8601 duration: moments of one client this close compete, the highest priority goes.</summary>
    public string? PriorityWindow { get; init; }

    /// <summary>CNY of cash from which a day counts as idle.</summary>
    public decimal? IdleCashThreshold { get; init; }

    /// <summary>Read-only: ignored when sent.</summary>
    public int? Version { get; init; }
}
