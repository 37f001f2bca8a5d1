namespace Platform.Gateway.Engagement;

/// <summary>{count 1, per "P1D"}: at most count sends in any sliding period; count 0: never.</summary>
public sealed class SettingsCap
{
    public int? Count { get; init; }

    public string? Per { get; init; }
}
