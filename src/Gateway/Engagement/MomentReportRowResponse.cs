namespace Platform.Gateway.Engagement;

/// <summary>One moment of the report: its instances fired in the period by decision (deferred: deferred now), suppressed by reason, and its uplift (null without a goal).</summary>
internal sealed record MomentReportRowResponse(
    string Moment, long Fired, long Sent, long Deferred, long Failed, IReadOnlyDictionary<string, long> Suppressed, MomentUpliftResponse? Uplift);
