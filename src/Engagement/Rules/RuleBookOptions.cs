namespace Platform.Engagement.Rules;

/// <summary><c>Engagement:Rules</c>: how often a replica looks for another replica's rule edit.</summary>
public sealed class RuleBookOptions
{
    public const string SectionName = "Engagement:Rules";

    /// <summary>An edit saved on another replica is followed within this (plus one load); the replica that saved it follows at once.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
