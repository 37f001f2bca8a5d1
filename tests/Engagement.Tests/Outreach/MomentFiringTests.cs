using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Activity.Events;
using Platform.Engagement.Facts;
using Platform.Engagement.Outreach;
using Platform.Engagement.Outreach.Firing;
using Platform.Engagement.Rules;
using Platform.Messaging.Consuming;
using Platform.Onboarding.Events;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>Which seeded moments a batch of events fires, waits for or schedules (the plan the consumer writes).</summary>
public sealed class MomentFiringTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly RuleBookSnapshot Seeded = new(1, RuleSeed.Rules.Select(w => RuleParser.Parse(w).Rule!));

    [Fact]
    public void TwoDepositsOfANewClientAreOneFirstDepositInstanceAndAWaitForAFirstTrade()
    {
        // The state the batch left: the earlier deposit is the first.
        var plan = Plan([Event(new Deposit { ClientId = "c-1", Amount = new DecimalValue { Units = 5000 } }, 0),
            Event(new Deposit { ClientId = "c-1", Amount = new DecimalValue { Units = 7000 } }, 5)],
            client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = T0 });

        // Only the first deposit is M06's (and would be one instance anyway: once per client).
        var instance = Assert.Single(plan.Instances);
        Assert.Equal(("M06:c-1:client", OutreachDecisions.Pending, "inbox", T0.AddHours(1) + Window),
            (instance.InstanceKey, instance.Decision, instance.Channel, instance.DecideAfter));
        var wait = Assert.Single(plan.Timers);
        Assert.Equal((MomentTimer.Absence, "M07", T0.AddDays(7)), (wait.Kind, wait.RuleKey, wait.DueAt));
        Assert.Contains("\"amount\":\"5000\"", plan.Instances[0].ContentValues, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndingEventLaterInTheBatchEndsTheWaitItStartedAndEndsStoredOnes()
    {
        var plan = Plan([Event(new Deposit { ClientId = "c-2", Amount = new DecimalValue { Units = 100 } }, 0),
            Event(new Trade { ClientId = "c-2", Amount = new DecimalValue { Units = 50 } }, 10)],
            client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = T0, [ClientFields.FirstInvestmentAt] = T0.AddMinutes(10) });

        Assert.DoesNotContain(plan.Timers, t => t.RuleKey == "M07");
        Assert.Contains(new AbsenceEnding("M07", "c-2", T0.AddMinutes(10)), plan.Endings);
        // The trade is the first investment: M08 fires.
        Assert.Contains(plan.Instances, i => i.InstanceKey == "M08:c-2:client");
    }

    [Fact]
    public void AnEndingEventThatHappenedBeforeTheWaitStartedLeavesItAndEachClientHasItsOwnWait()
    {
        // Consumed after the deposits, a trade from before c-3's deposit (reordered on the way) is no answer to it; c-4's
        // deposit is older than the trade, so c-4's wait would end, but the trade is c-3's.
        var plan = Plan([Event(new Deposit { ClientId = "c-3", Amount = new DecimalValue { Units = 100 } }, 10),
            Event(new Deposit { ClientId = "c-4", Amount = new DecimalValue { Units = 100 } }, 0),
            Event(new Trade { ClientId = "c-3", Amount = new DecimalValue { Units = 50 } }, 5)],
            client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = T0 });

        Assert.Equal([("c-3", T0.AddMinutes(10)), ("c-4", T0)],
            plan.Timers.Where(t => t.RuleKey == "M07").Select(t => (t.ClientId, t.StartedAt)).Order().ToArray());
        Assert.Contains(new AbsenceEnding("M07", "c-3", T0.AddMinutes(5)), plan.Endings);
    }

    [Fact]
    public void ADepositTradeOrPurchaseOfAClientThatDepositedAndInvestedAYearAgoIsNoFirstMoment()
    {
        var yearAgo = T0.AddYears(-1);
        var plan = Plan([Event(new Deposit { ClientId = "c-5", Amount = new DecimalValue { Units = 100 } }, 0),
            Event(new Trade { ClientId = "c-5", Amount = new DecimalValue { Units = 50 } }, 1),
            Event(new ProductPurchase { ClientId = "c-5", ProductId = "wealth-90d", Amount = new DecimalValue { Units = 50 } }, 2)],
            client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = yearAgo, [ClientFields.FirstInvestmentAt] = yearAgo });

        Assert.DoesNotContain(plan.Instances, i => i.Moment is "M06" or "M08");
        // It has invested: its deposit starts no wait for a first trade either.
        Assert.DoesNotContain(plan.Timers, t => t.RuleKey == "M07");
    }

    [Fact]
    public void AWaitWhoseClientConditionCanNoLongerHoldIsNotStartedAndOneThatCanIs()
    {
        // A deposit alone (no trade after it in the batch): M07 waits for "no investment within 7 days" of a client without one.
        var yearAgo = T0.AddYears(-1);
        ConsumedEvent Deposit() => Event(new Deposit { ClientId = "c-8", Amount = new DecimalValue { Units = 100 } }, 0);

        var invested = Plan([Deposit()], client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = yearAgo, [ClientFields.FirstInvestmentAt] = yearAgo });
        var notYet = Plan([Deposit()], client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = yearAgo });

        // A first investment is never forgotten: the wait could only come to nothing, so it is not written.
        Assert.DoesNotContain(invested.Timers, t => t.RuleKey == "M07");
        Assert.Equal((MomentTimer.Absence, T0.AddDays(7)), Assert.Single(notYet.Timers, t => t.RuleKey == "M07") is var wait ? (wait.Kind, wait.DueAt) : default);
    }

    [Fact]
    public void AnEarlierDepositArrivingAfterALaterOneIsTheFirstAndTheLaterOneIsNot()
    {
        // Out of order: the deposit of minute 0 comes second; the state's first deposit is the earliest seen.
        var plan = Plan([Event(new Deposit { ClientId = "c-6", Amount = new DecimalValue { Units = 7000 } }, 5),
            Event(new Deposit { ClientId = "c-6", Amount = new DecimalValue { Units = 5000 } }, 0)],
            client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = T0 });

        var instance = Assert.Single(plan.Instances);
        Assert.Contains("\"amount\":\"5000\"", instance.ContentValues, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstPurchaseIsTheFirstInvestmentAndATradeAfterItIsNot()
    {
        var plan = Plan([Event(new ProductPurchase { ClientId = "c-7", ProductId = "wealth-90d", Amount = new DecimalValue { Units = 900 } }, 0),
            Event(new Trade { ClientId = "c-7", Amount = new DecimalValue { Units = 50 } }, 3)],
            client: new Dictionary<string, object?> { [ClientFields.FirstInvestmentAt] = T0 });

        var instance = Assert.Single(plan.Instances, i => i.Moment == "M08");
        Assert.Contains("\"amount\":\"900\"", instance.ContentValues, StringComparison.Ordinal);
    }

    [Fact]
    public void TheEventsOwnTimeAtTheDatabasesPrecisionIsWhatTheFirstDepositIsComparedWith()
    {
        // The fold keeps the deposit's own occurredAt (not the envelope's), to the microsecond.
        var own = T0.AddMinutes(-30).AddTicks(7);
        var plan = Plan([Event(new Deposit { ClientId = "c-8", OccurredAt = Timestamp.FromDateTimeOffset(own), Amount = new DecimalValue { Units = 1 } }, 0)],
            client: new Dictionary<string, object?> { [ClientFields.FirstDepositAt] = T0.AddMinutes(-30) });

        Assert.Equal("M06:c-8:client", Assert.Single(plan.Instances).InstanceKey);
    }

    [Fact]
    public void EventConditionsDecideAndEscalationsPickTheChannel()
    {
        var plan = Plan([
            Event(new ProspectStalled { ClientId = "c-3", Step = "registered", Level = 1, StalledSince = Timestamp.FromDateTimeOffset(T0) }, 0),
            Event(new ProspectStalled { ClientId = "c-3", Step = "id_uploaded", Level = 2, StalledSince = Timestamp.FromDateTimeOffset(T0) }, 1),
            Event(new ProspectStalled { ClientId = "c-3", Step = "id_uploaded", Level = 3, StalledSince = Timestamp.FromDateTimeOffset(T0) }, 2)]);

        // A stall at registered is M01's, not M02's; level 3 goes by SMS.
        Assert.Equal([($"M02:c-3:episode-{T0.ToUnixTimeSeconds()}:level-2", "push"), ($"M02:c-3:episode-{T0.ToUnixTimeSeconds()}:level-3", "sms")],
            plan.Instances.Select(i => (i.InstanceKey, i.Channel)));
    }

    [Fact]
    public void AnApprovalStartsItsWaitsAndSchedulesTheAnniversary()
    {
        var approvedAt = T0.AddMinutes(-30);
        var plan = Plan([Event(new AccountApproved { ClientId = "c-4", OccurredAt = Timestamp.FromDateTimeOffset(approvedAt) }, 0),
            Event(new Deposit { ClientId = "c-4", Amount = new DecimalValue { Units = 10 } }, 1)],
            client: new Dictionary<string, object?>
            {
                [ClientFields.ApprovedAt] = approvedAt, [ClientFields.Stage] = "S3", [ClientFields.DisengagedAt] = approvedAt.AddDays(30),
            });

        Assert.Contains(plan.Instances, i => i.InstanceKey == "M04:c-4:client");
        // The deposit after the approval ended M05's wait (started by the approval) within the batch; M16 waits for 30 days without a login.
        Assert.DoesNotContain(plan.Timers, t => t.RuleKey == "M05");
        // M16 is anchored on a client field that moves (client.disengagedAt): a lazy anchored timer, one for the client.
        Assert.Single(plan.Timers, t => t.RuleKey == "M16" && t.Kind == MomentTimer.Anchored && t.DueAt == approvedAt.AddDays(30));
        var anniversary = Assert.Single(plan.Timers, t => t.RuleKey == "M15");
        Assert.Equal((MomentTimer.Schedule, approvedAt.AddYears(1), "M15:c-4:2027"), (anniversary.Kind, anniversary.DueAt, anniversary.InstanceKey));
    }

    private static FiringPlan Plan(IReadOnlyList<ConsumedEvent> events, Dictionary<string, object?>? client = null) =>
        MomentFiring.Plan(events, Seeded, _ => client ?? [], Window, T0.AddHours(1));

    private static ConsumedEvent Event(IMessage message, int minute) =>
        new(message, new EventContext(Guid.NewGuid(), message.Descriptor.Name, ((dynamic)message).ClientId, T0.AddMinutes(minute), "topic", 0, minute, 1));
}
