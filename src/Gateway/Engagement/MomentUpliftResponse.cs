namespace Platform.Gateway.Engagement;

/// <summary>A moment's goal (its event names), window (ISO 8601), the two groups, and treated - holdout with its 95% interval (null when a group is empty).</summary>
internal sealed record MomentUpliftResponse(
    string Goal, string Window, MomentUpliftGroupResponse Treated, MomentUpliftGroupResponse Holdout, double? Difference, IReadOnlyList<double>? Ci95);
