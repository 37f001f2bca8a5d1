namespace Platform.Gateway.Engagement;

/// <summary>Another channel when every one of these conditions holds.</summary>
public sealed class RuleEscalationBody
{
    public IReadOnlyList<RuleConditionBody?>? Conditions { get; init; }

    public string? Channel { get; init; }
}
