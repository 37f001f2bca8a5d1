namespace Platform.Gateway.Engagement;

/// <summary>When a scheduled rule fires: a time field plus an offset, then every period (the anniversary: client.approvedAt + P1Y every P1Y).</summary>
public sealed class RuleScheduleBody
{
    /// <summary>event.&lt;time field of the trigger&gt; or client.&lt;time field&gt;.</summary>
    public string? At { get; init; }

    /// <summary>ISO 8601 duration, may be negative (-P3D); null: none.</summary>
    public string? Offset { get; init; }

    /// <summary>ISO 8601 duration from P1D (P1Y); null: once.</summary>
    public string? Every { get; init; }
}
