namespace Platform.Gateway.Engagement;

/// <summary>{default "PT24H", byTier {"V6": "PT8H", "V7": "PT4H"}}: a task is due after its client's tier's SLA, else the default.</summary>
public sealed class SettingsAdvisorTaskSla
{
    public string? Default { get; init; }

    public Dictionary<string, string>? ByTier { get; init; }
}
