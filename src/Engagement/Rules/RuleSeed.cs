using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Facts;
using Wire = Platform.Engagement.Grpc;

namespace Platform.Engagement.Rules;

/// <summary>
/// DOMAIN.md section 3's 17 key moments as rules, as an operator would send them: its stage, default channel, instance
/// <c>once</c>, and content of the moment's kind carrying the label <c>moment-mNN</c> (Content's seed labels each moment's
/// items so). Where the rule shape cannot say a moment exactly, the closest honest encoding is used and the gap written
/// down in the notes (M01's and M05's absence events take no conditions). M10 is a schedule 3 days before the purchase's
/// maturesAt; M09 and M16 are schedules anchored on the start of
/// their run (client.idleCashSince, client.disengagedAt), M17 compares the transfer with the assets before it
/// (client.lastTransferOutPercent).
/// </summary>
public static class RuleSeed
{
    public static IReadOnlyList<Wire.Rule> Rules { get; } =
    [
        // Registered, then no further step within a day. Judged on the client when it fires: still a prospect.
        Moment("M01", "registered, funnel not started within 24 h", "S1", 60, "push", "feature", "client",
            Trigger("onboarding.StepRecorded"), [Is("event.step", "registered"), Is(ClientFields.Stage, "S1")],
            absence: Absence("PT24H", "onboarding.StepRecorded")),
        // One per stall level of an episode; the third level (7 days) goes by SMS. A stall at `registered` is M01's.
        Moment("M02", "stalled at a funnel step", "S1", 80, "push", "feature", "episode",
            Trigger("onboarding.ProspectStalled"), [Condition("event.step", "!=", Value.ForString("registered"))],
            escalations: [new Wire.RuleEscalation { Channel = "sms", Conditions = { Condition("event.level", ">=", Value.ForNumber(3)) } }]),
        Moment("M03", "application rejected, resubmission needed", "S1", 85, "sms", "service", "episode",
            Trigger("onboarding.ApplicationRejected"), []),
        Moment("M04", "account approved", "S2", 60, "push", "feature", "client", Trigger("onboarding.AccountApproved"), []),
        // Approved, no first deposit within 3 days; a client that deposited by then (any way Engagement learnt it) is left alone.
        Moment("M05", "approved, no first deposit within 3 days", "S2", 65, "sms", "feature", "client",
            Trigger("onboarding.AccountApproved"), [Exists(ClientFields.FirstDepositAt, false)],
            absence: Absence("P3D", "activity.deposit", "onboarding.AccountFunded")),
        // The client's first deposit as the lifecycle state knows it (the earliest seen), not just any deposit of a client
        // without an M06 yet: a client whose state holds an earlier deposit gets none on its next one.
        Moment("M06", "first deposit received", "S3", 55, "inbox", "feature", "client", Trigger("activity.deposit"), [Flag(FirstEventField.Field, true)]),
        // Funded, then no trade or purchase within 7 days; a later deposit of a client who has invested is no M07.
        Moment("M07", "funded, no trade or purchase within 7 days", "S3", 50, "push", "insight", "client",
            Trigger("activity.deposit"), [Exists(ClientFields.FirstInvestmentAt, false)],
            absence: Absence("P7D", "activity.trade", "activity.product_purchase")),
        // Likewise the first trade or purchase (client.firstInvestmentAt), not the next one of a client that invested long ago.
        Moment("M08", "first trade or first product purchase", "S3", 35, "inbox", "insight", "client",
            Trigger("activity.trade", "activity.product_purchase"), [Flag(FirstEventField.Field, true)]),
        // 5 days after the first day of a run of snapshots with cash at or above the settings' idleCashThreshold (50,000), if
        // the run still stands then (the timer fires only while client.idleCashSince still names its start): once per run.
        Moment("M09", "idle cash >= 50,000 for 5 days", "S4", 40, "push", "service", "episode",
            Trigger("activity.assets_snapshot"), [], schedule: new Wire.RuleSchedule { At = ClientFields.IdleCashSince, Offset = "P5D" }),
        // 3 days before the maturity a purchase names (activity.product_purchase's maturesAt); at once when it is nearer; not
        // at all once it has passed or for a product without one. Once per purchase, i.e. per product maturity.
        Moment("M10", "wealth product matures within 3 days", "S4", 50, "sms", "service", "event",
            Trigger("activity.product_purchase"), [], schedule: new Wire.RuleSchedule { At = "event.maturesAt", Offset = "-P3D" }),
        Moment("M11", "tier upgraded", "S4", 35, "inbox", "benefit", "event", Trigger("tiering.TierChanged"), [Is("event.reason", "upgrade")]),
        Moment("M12", "within 10% of the next tier's threshold", "S4", 40, "push", "benefit", "event", Trigger("tiering.NearNextTier"), []),
        Moment("M13", "downgrade warning issued", "S5", 70, "sms", "benefit", "episode", Trigger("tiering.DowngradeWarned"), []),
        Moment("M14", "position drawdown >= 10% in a day", "S5", 45, "push", "insight", "day",
            Trigger("activity.drawdown"), [Condition("event.percent", ">=", Value.ForNumber(10))]),
        Moment("M15", "account anniversary", "S5", 20, "inbox", "campaign", "year", Trigger("onboarding.AccountApproved"), [],
            schedule: new Wire.RuleSchedule { At = ClientFields.ApprovedAt, Offset = "P1Y", Every = "P1Y" }),
        // No login for 30 days (from the last login, or approval for a client that never logged in), or total assets down by
        // half or more over 30 days: at client.disengagedAt, the earlier of the two, which every login, approval and snapshot
        // re-reads (a login moves it on, so the pending time is replaced); once per disengagement (its start).
        Moment("M16", "no login for 30 days, or assets down >= 50% over 30 days", "S6", 75, "sms", "service", "episode",
            Trigger("activity.login", "onboarding.AccountApproved", "activity.assets_snapshot"), [],
            schedule: new Wire.RuleSchedule { At = ClientFields.DisengagedAt }),
        // A transfer out of 30% or more of the assets just before it (the latest snapshot of an earlier day, else that day's plus the amount).
        Moment("M17", "transfer-out of >= 30% of assets to another broker", "S6", 90, "advisor_task", "service", "event",
            Trigger("activity.transfer_out"), [Condition(ClientFields.LastTransferOutPercent, ">=", Value.ForNumber(30))]),
    ];

    private static Wire.Rule Moment(string key, string name, string stage, int priority, string channel, string kind, string once,
        Wire.RuleTrigger trigger, Wire.RuleCondition[] conditions, Wire.RuleAbsence? absence = null, Wire.RuleSchedule? schedule = null,
        Wire.RuleEscalation[]? escalations = null) => new()
    {
        Key = key,
        Name = name,
        Stage = stage,
        Priority = priority,
        Enabled = true,
        Trigger = trigger,
        Absence = absence,
        Schedule = schedule,
        Conditions = { conditions },
        Once = once,
        Action = new Wire.RuleAction
        {
            Channel = channel,
            Content = new Wire.RuleContent { Kind = kind, Tags = { $"moment-{key.ToLowerInvariant()}" } },
            Escalations = { escalations ?? [] },
            WhenCapped = "suppress",
        },
    };

    private static Wire.RuleTrigger Trigger(string name, params string[] alsoOn) => new() { Event = name, AlsoOn = { alsoOn } };

    private static Wire.RuleAbsence Absence(string within, string name, params string[] alsoOn) =>
        new() { Event = name, AlsoOn = { alsoOn }, Within = within };

    private static Wire.RuleCondition Condition(string field, string op, Value value) => new() { Field = field, Op = op, Value = value };

    private static Wire.RuleCondition Is(string field, string text) => Condition(field, "=", Value.ForString(text));

    private static Wire.RuleCondition Flag(string field, bool flag) => Condition(field, "=", Value.ForBool(flag));

    private static Wire.RuleCondition Exists(string field, bool exists) => Condition(field, "exists", Value.ForBool(exists));
}
