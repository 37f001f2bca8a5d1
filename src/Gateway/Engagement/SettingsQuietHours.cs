namespace Platform.Gateway.Engagement;

/// <summary>{start "22:00", end "08:00", timeZone "Asia/Shanghai", channels ["sms", "push"]}: local HH:mm in an IANA zone.</summary>
public sealed class SettingsQuietHours
{
    public string? Start { get; init; }

    public string? End { get; init; }

    public string? TimeZone { get; init; }

    public string[]? Channels { get; init; }
}
