namespace Platform.Engagement.Lifecycle;

/// <summary>
/// The lifecycle stage of a client at a time (DOMAIN.md section 3): S1 registered, not approved; S2 approved, not funded;
/// S3 funded, no trade or purchase yet; S4 traded or bought within the last 30 days; S5 holding assets with no trade for
/// 30 days; S6 (churn risk) instead of S4 or S5 while a <see cref="ChurnSignal"/> stands.
/// </summary>
public static class LifecycleStages
{
    public const string Registered = "S1";
    public const string Approved = "S2";
    public const string Funded = "S3";
    public const string Investing = "S4";
    public const string Holding = "S5";
    public const string ChurnRisk = "S6";

    /// <summary>The 30 days of the investing window and of every churn signal.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>The stage at <paramref name="now"/>; null for a client whose registration or approval is not known.</summary>
    public static string? Of(ClientState state, DateTimeOffset now)
    {
        var stage = state switch
        {
            { ApprovedAt: null, RegisteredAt: null } => null,
            { ApprovedAt: null } => Registered,
            { FirstDepositAt: null } => Approved,
            { LastInvestmentAt: null } => Funded,
            { LastInvestmentAt: { } last } when now < last + Window => Investing,
            _ => Holding,
        };
        return stage is Investing or Holding && ChurnSignal.Stands(state, now) ? ChurnRisk : stage;
    }

    /// <summary>
    /// The first time after <paramref name="now"/> at which time alone may change the stage (a trade leaving the window, the
    /// no-login signal starting, a transfer-out signal ending), or null when only an event can change it.
    /// </summary>
    public static DateTimeOffset? NextCheck(ClientState state, DateTimeOffset now)
    {
        if (Of(state, now) is not (Investing or Holding or ChurnRisk))
        {
            return null;
        }

        IEnumerable<DateTimeOffset?> candidates =
        [
            state.LastInvestmentAt + Window,
            ChurnSignal.NoLoginSince(state) + Window,
            .. ChurnSignal.LargeTransfersOut(state).Select(at => (DateTimeOffset?)(at + Window)),
        ];
        return candidates.Where(at => at > now).Min();
    }

    /// <summary>
    /// The next check to store: the stored one while it is still ahead and no later than <paramref name="next"/>, else
    /// <paramref name="next"/>. A check early is harmless (the sweeper settles the client, nothing changes, and it stores the
    /// next one then); a check late would publish a stage change late. Keeping the earlier one means a login or a trade, which
    /// moves the true next check later, leaves the indexed column as it is: the row's update stays on its page with no index
    /// write (a HOT update), where moving it wrote both of the table's indexes on most events.
    /// </summary>
    public static DateTimeOffset? NextCheckToStore(DateTimeOffset? stored, DateTimeOffset? next, DateTimeOffset now) =>
        stored is { } kept && kept > now && (next is null || kept <= next) ? stored : next;

    /// <summary>Why a client moved from <paramref name="from"/> to <paramref name="to"/> (StageChanged's reason).</summary>
    public static string ReasonFor(string? from, string to) => (from, to) switch
    {
        (_, ChurnRisk) => "churn_signal",
        (ChurnRisk, _) => "churn_cleared",
        (_, Registered) => "registered",
        (_, Approved) => "approved",
        (_, Funded) => "funded",
        (_, Investing) => "invested",
        _ => "no_trade_30d",
    };
}
