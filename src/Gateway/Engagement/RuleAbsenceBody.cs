namespace Platform.Gateway.Engagement;

/// <summary>"And none of these within the period" after the trigger.</summary>
public sealed class RuleAbsenceBody
{
    public string? Event { get; init; }

    /// <summary>Absent: none.</summary>
    public IReadOnlyList<string?>? AlsoOn { get; init; }

    /// <summary>ISO 8601 duration, e.g. PT24H, P3D (at most P1Y).</summary>
    public string? Within { get; init; }
}
