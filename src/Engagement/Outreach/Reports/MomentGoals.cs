namespace Platform.Engagement.Outreach.Reports;

/// <summary>
/// The seeded moments' goals (DOMAIN.md section 3, "goal (for uplift)"), by rule key. An operator's own rule has none:
/// its uplift is null. "First" and "second" need no condition of their own: the moment fires when the client had none
/// before (M06-M08), so the next such event after it is the first (or second).
/// </summary>
public static class MomentGoals
{
    private const string Step = "onboarding.StepRecorded";
    private const string Deposit = "activity.deposit";
    private const string Trade = "activity.trade";
    private const string Purchase = "activity.product_purchase";
    private const string Login = "activity.login";

    private static readonly Dictionary<string, MomentGoal> Goals = new(StringComparer.Ordinal)
    {
        ["M01"] = new([Step], TimeSpan.FromDays(3)),                         // any next step within 3 d
        ["M02"] = new([Step], TimeSpan.FromDays(1)),                         // a step after the stall within 1 d
        ["M03"] = new([Step], TimeSpan.FromDays(3)),                         // resubmitted (a step recorded again) within 3 d
        ["M04"] = new([Deposit], TimeSpan.FromDays(3)),                      // first deposit within 3 d
        ["M05"] = new([Deposit], TimeSpan.FromDays(7)),                      // first deposit within 7 d
        ["M06"] = new([Trade, Purchase], TimeSpan.FromDays(7)),              // first trade (or purchase) within 7 d
        ["M07"] = new([Trade, Purchase], TimeSpan.FromDays(7)),              // first trade within 7 d
        ["M08"] = new([Trade, Purchase], TimeSpan.FromDays(30)),             // a second trade within 30 d
        ["M09"] = new([Purchase], TimeSpan.FromDays(7)),                     // a purchase within 7 d
        ["M10"] = new([Purchase], TimeSpan.FromDays(7)),                     // a purchase within 7 d
        ["M11"] = new(["tiering.BenefitRedeemed"], TimeSpan.FromDays(30)),   // a benefit redeemed within 30 d
        ["M12"] = new(["tiering.TierChanged"], TimeSpan.FromDays(30)),       // upgraded within 30 d (any tier change: see the notes)
        ["M13"] = new(["tiering.DowngradeWarningCleared"], TimeSpan.FromDays(30)), // warning cleared by the (monthly) review
        ["M14"] = new([Login], TimeSpan.FromDays(2)),                        // a login within 2 d
        ["M15"] = new([Trade], TimeSpan.FromDays(30)),                       // a trade within 30 d
        ["M16"] = new([Login], TimeSpan.FromDays(7)),                        // a login within 7 d
        ["M17"] = new([Deposit], TimeSpan.FromDays(30)),                     // a deposit within 30 d
    };

    private static readonly HashSet<string> GoalEventNames = [.. Goals.Values.SelectMany(g => g.Events)];

    /// <summary>Per goal event name, the moments whose goal it is, comma-separated, and the longest of their windows.</summary>
    private static readonly Dictionary<string, (string Moments, TimeSpan Window)> ReachedBy = GoalEventNames.ToDictionary(
        name => name,
        name => (string.Join(',', Goals.Where(g => g.Value.Events.Contains(name)).Select(g => g.Key).Order(StringComparer.Ordinal)),
            Goals.Values.Where(g => g.Events.Contains(name)).Max(g => g.Window)),
        StringComparer.Ordinal);

    /// <summary>The goal of a rule key; null for a rule without one.</summary>
    public static MomentGoal? For(string moment) => Goals.GetValueOrDefault(moment);

    public static IReadOnlyDictionary<string, MomentGoal> All => Goals;

    /// <summary>Whether any goal names the event: only those are kept.</summary>
    public static bool IsGoalEvent(string eventName) => GoalEventNames.Contains(eventName);

    /// <summary>
    /// The moments whose goal <paramref name="eventName"/> is (rule keys, comma-separated) and the longest of their windows:
    /// an event can count only for an instance of one of them fired less than that long before it.
    /// </summary>
    public static (string Moments, TimeSpan Window) MomentsReachedBy(string eventName) =>
        ReachedBy.TryGetValue(eventName, out var reached) ? reached : throw new ArgumentException($"No goal names {eventName}.", nameof(eventName));
}
