namespace Platform.Content.Profiles;

/// <summary>
/// The lifecycle stage from a profile's milestones (DOMAIN.md section 3): S1 registered but not
/// approved, S2 approved but not funded, S3 funded without a trade, S4 traded within the last 30
/// days, S5 holding assets with no trade for 30 days. S6 (churn risk) comes from Engagement's
/// signals, which Content does not have yet.
/// </summary>
public static class LifecycleStage
{
    public static readonly TimeSpan InvestingWindow = TimeSpan.FromDays(30);

    /// <summary>The stage at <paramref name="now"/>, or null for a client no milestone is known of.</summary>
    public static string? Of(ClientProfile profile, DateTimeOffset now) => profile switch
    {
        { ApprovedAt: null, RegisteredAt: null } => null,
        { ApprovedAt: null } => "S1",
        { FundedAt: null } => "S2",
        { LastTradeAt: null } => "S3",
        { LastTradeAt: { } traded } when now - traded <= InvestingWindow => "S4",
        _ => "S5",
    };

    /// <summary>When the stage of <paramref name="profile"/> changes next by time alone (S4 to S5), if it does.</summary>
    public static DateTimeOffset? NextChange(ClientProfile profile, DateTimeOffset now) =>
        Of(profile, now) == "S4" ? profile.LastTradeAt + InvestingWindow : null;
}
