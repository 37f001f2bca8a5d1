namespace Platform.Gateway.Engagement;

/// <summary>The event that fires the rule (`activity.deposit`, `onboarding.ProspectStalled`, ...) and the events that count as the same trigger.</summary>
public sealed class RuleTriggerBody
{
    public string? Event { get; init; }

    /// <summary>Absent: none.</summary>
    public IReadOnlyList<string?>? AlsoOn { get; init; }
}
