namespace Platform.Content.Profiles;

/// <summary>
/// The lifecycle stage from a profile's milestones (DOMAIN.md section 3): S1 registered but not
/// approved, S2 approved but not funded, S3 funded without a trade, S4 traded within the last 30
/// days, S5 holding assets with no trade for 30 days. Once Engagement published the client's stage
/// (StageChanged), its stage is the one: Engagement owns the stage, with S6 (churn risk) from its
/// signals and S4 to S5 by its own timers, and the milestones only stand in until then.
/// </summary>
public static class LifecycleStage
{
    public static readonly TimeSpan InvestingWindow = TimeSpan.FromDays(30);

    /// <summary>The stage at <paramref name="now"/>, or null for a client no milestone is known of.</summary>
    public static string? Of(ClientProfile profile, DateTimeOffset now) => profile switch
    {
        { EngagementStage: { } stage } => stage,
        { ApprovedAt: null, RegisteredAt: null } => null,
        { ApprovedAt: null } => "S1",
        { FundedAt: null } => "S2",
        { LastTradeAt: null } => "S3",
        { LastTradeAt: { } traded } when now - traded <= InvestingWindow => "S4",
        _ => "S5",
    };

    /// <summary>
    /// When the stage of <paramref name="profile"/> changes next by time alone (S4 to S5), if it does. Never for Engagement's
    /// stage: Engagement publishes that change itself.
    /// </summary>
    public static DateTimeOffset? NextChange(ClientProfile profile, DateTimeOffset now) =>
        profile.EngagementStage is null && Of(profile, now) == "S4" ? profile.LastTradeAt + InvestingWindow : null;
}
