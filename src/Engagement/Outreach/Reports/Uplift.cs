namespace Platform.Engagement.Outreach.Reports;

/// <summary>A moment's uplift: treated (sent) against holdout clients, the difference of their rates and its 95% interval (null when a group is empty).</summary>
public sealed record Uplift(string Goal, TimeSpan Window, UpliftGroup Treated, UpliftGroup Holdout, double? Difference, double[]? Ci95);
