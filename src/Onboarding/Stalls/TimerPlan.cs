namespace Platform.Onboarding.Stalls;

/// <summary>
/// The timers a batch of steps replaces: every stall timer of <paramref name="StallsReplaced"/>, the dormant
/// timer of <paramref name="DormantReplaced"/> (approved in the batch), then <paramref name="Timers"/> added.
/// </summary>
public sealed record TimerPlan(IReadOnlyList<string> StallsReplaced, IReadOnlyList<string> DormantReplaced, IReadOnlyList<FunnelTimer> Timers);
