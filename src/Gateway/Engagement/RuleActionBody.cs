namespace Platform.Gateway.Engagement;

/// <summary>What a firing rule asks for: a channel, content, escalations to another channel, and what a capped outreach becomes.</summary>
public sealed class RuleActionBody
{
    /// <summary>inbox | push | sms | wecom | livestream | advisor_task.</summary>
    public string? Channel { get; init; }

    public RuleContentBody? Content { get; init; }

    /// <summary>The first whose conditions all hold replaces the channel (M02's SMS at the third stall level); absent: none.</summary>
    public IReadOnlyList<RuleEscalationBody?>? Escalations { get; init; }

    /// <summary>suppress | inbox; absent: suppress.</summary>
    public string? WhenCapped { get; init; }
}
