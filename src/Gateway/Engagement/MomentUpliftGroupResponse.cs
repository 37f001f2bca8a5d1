namespace Platform.Gateway.Engagement;

/// <summary>Treated or holdout clients of a moment, those who reached its goal, and their share (null with no clients).</summary>
internal sealed record MomentUpliftGroupResponse(long Clients, long Converted, double? Rate);
