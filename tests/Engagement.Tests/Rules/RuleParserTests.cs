using Google.Protobuf.WellKnownTypes;
using Wire = Platform.Engagement.Grpc;
using Platform.Engagement.Rules;
using static Platform.Engagement.Tests.Rules.WireRules;

namespace Platform.Engagement.Tests.Rules;

/// <summary>Every bad field of a rule is refused by its path in API.md's JSON, all at once; a good rule parses to its typed form.</summary>
public sealed class RuleParserTests
{
    private static Dictionary<string, string[]> ErrorsOf(Action<Platform.Engagement.Grpc.Rule> spoil)
    {
        var wire = FirstDeposit();
        spoil(wire);
        var (rule, errors) = RuleParser.Parse(wire);
        Assert.Null(rule);
        return errors;
    }

    [Fact]
    public void ApisExampleRuleParsesWithTypedValues()
    {
        var (rule, errors) = RuleParser.Parse(FirstDeposit());

        Assert.Empty(errors);
        Assert.NotNull(rule);
        Assert.Equal(("M06", "S3", 60, OnceScope.Client, "inbox", CappedAction.Suppress),
            (rule.Key, rule.Stage, rule.Priority, rule.Once, rule.Action.Channel, rule.Action.WhenCapped));
        Assert.Equal(["V0", "V1", "V2"], rule.Conditions[0].Values);
        Assert.Equal(50000m, rule.Conditions[1].Value);
        Assert.Equal(ConditionOp.GreaterOrEqual, rule.Conditions[1].Op);
    }

    [Fact]
    public void EveryBadTopLevelFieldIsNamedAtOnce()
    {
        var errors = ErrorsOf(r =>
        {
            r.Key = "M 06";
            r.Name = "";
            r.Stage = "S7";
            r.Priority = 101;
            r.Once = "Client";
            r.Trigger.Event = "activity.Deposit";
            r.Action.Channel = "email";
            r.Action.Content.Kind = "article";
            r.Action.WhenCapped = "drop";
        });

        Assert.Equal(
            ["key", "name", "stage", "priority", "trigger.event", "once", "action.channel", "action.content.kind", "action.whenCapped"],
            errors.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("an-operators-rule-key-that-is-41-chars-xx")]
    [InlineData("M06:x")]
    [InlineData("M06\n")]
    public void AKeyOutsideTheFormatIsRefused(string key) => Assert.Equal(["key"], ErrorsOf(r => r.Key = key).Keys);

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void APriorityOutside0To100IsRefused(int priority) => Assert.Equal(["priority"], ErrorsOf(r => r.Priority = priority).Keys);

    [Fact]
    public void MissingTriggerAndActionAreNamed()
    {
        var errors = ErrorsOf(r =>
        {
            r.Trigger = null;
            r.Action = null;
        });

        // Without a trigger the event conditions cannot be judged: only the missing parts are named.
        Assert.Equal(["trigger", "action"], errors.Keys);
    }

    [Fact]
    public void UnknownAndRepeatedAlsoOnEventsAreNamedByPosition()
    {
        var errors = ErrorsOf(r => r.Trigger.AlsoOn.Add(["activity.trade", "activity.trade", "activity.teleport"]));

        Assert.Equal(["trigger.alsoOn[1]", "trigger.alsoOn[2]"], errors.Keys);
    }

    [Fact]
    public void AConditionOnAFieldOfNoTriggerEventOrNoClientFieldIsNamed()
    {
        var errors = ErrorsOf(r => r.Conditions.Add([
            Condition("event.productId", "=", Value.ForString("p-1")),
            Condition("client.nickname", "exists", Value.ForBool(true)),
            Condition("amount", ">", Value.ForNumber(1)),
        ]));

        Assert.Equal(["conditions[2].field", "conditions[3].field", "conditions[4].field"], errors.Keys);
        Assert.Contains("activity.deposit", errors["conditions[2].field"][0]);
    }

    [Fact]
    public void AnEventFieldMustBeOneOfEveryAlsoOnEventToo()
    {
        var wire = FirstDeposit();
        wire.Trigger = new Wire.RuleTrigger { Event = "activity.product_purchase" };
        wire.Conditions.Clear();
        wire.Conditions.Add(Condition("event.productId", "=", Value.ForString("p-1")));
        Assert.Empty(RuleParser.Parse(wire).Errors);

        wire.Trigger.AlsoOn.Add("activity.trade");

        Assert.Equal(["conditions[0].field"], RuleParser.Parse(wire).Errors.Keys);
    }

    [Fact]
    public void OperatorsAreCheckedAgainstTheFieldsKind()
    {
        var errors = ErrorsOf(r => r.Conditions.Add([
            Condition("client.tier", ">", Value.ForString("V2")),
            Condition("client.approvedAt", "=", Value.ForString("2026-01-01")),
            Condition("client.erased", "<", Value.ForBool(true)),
            Condition("event.amount", "like", Value.ForNumber(1)),
            Condition("event.amount", "<=", Value.ForNumber(1)),
        ]));

        Assert.Equal(["conditions[2].op", "conditions[3].op", "conditions[4].op", "conditions[5].op"], errors.Keys);
    }

    [Fact]
    public void ValuesOfTheWrongTypeAreNamedDownToTheListPosition()
    {
        var errors = ErrorsOf(r => r.Conditions.Add([
            Condition("event.amount", ">=", Value.ForString("50000")),
            Condition("client.stage", "=", Value.ForNumber(3)),
            Condition("client.tier", "in", null, Value.ForString("V1"), Value.ForString("V9"), Value.ForNumber(2)),
            Condition("client.erased", "=", Value.ForString("yes")),
            Condition("client.lastLoginAt", "exists", Value.ForString("true")),
            Condition("event.amount", ">", Value.ForNumber(double.NaN)),
        ]));

        Assert.Equal(
            ["conditions[2].value", "conditions[3].value", "conditions[4].values[1]", "conditions[4].values[2]", "conditions[5].value",
                "conditions[6].value", "conditions[7].value"],
            errors.Keys);
    }

    [Fact]
    public void ValueAndValuesMustMatchTheOperator()
    {
        var errors = ErrorsOf(r => r.Conditions.Add([
            Condition("client.tier", "in", Value.ForString("V1")),
            Condition("client.tier", "=", null, Value.ForString("V1")),
            Condition("client.tier", "exists"),
        ]));

        Assert.Equal(
            ["conditions[2].value", "conditions[2].values", "conditions[3].values", "conditions[3].value", "conditions[4].value"],
            errors.Keys);
    }

    [Theory]
    [InlineData("3 days")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("-P3D")]
    [InlineData("PT0S")]
    [InlineData("P2Y")]
    [InlineData("P٣D")]
    public void AnAbsenceWithinThatIsNoPositiveDurationUpToAYearIsRefused(string within)
    {
        var errors = ErrorsOf(r => r.Absence = new Wire.RuleAbsence { Event = "activity.trade", Within = within });

        Assert.Equal(["absence.within"], errors.Keys);
    }

    [Fact]
    public void AnAbsenceParsesWithCalendarUnitsAndItsAlsoOnEvents()
    {
        var wire = FirstDeposit();
        wire.Absence = new Wire.RuleAbsence { Event = "activity.trade", AlsoOn = { "activity.product_purchase" }, Within = "P1W2DT12H" };

        var absence = RuleParser.Parse(wire).Rule!.Absence!;

        Assert.Equal(["activity.trade", "activity.product_purchase"], absence.Events);
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero), absence.Within.AddTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AScheduleNamesATimeFieldAndValidDurations()
    {
        var errors = ErrorsOf(r => r.Schedule = new Wire.RuleSchedule { At = "client.tier", Offset = "P1X", Every = "PT1H" });

        Assert.Equal(["schedule.at", "schedule.offset", "schedule.every"], errors.Keys);
        Assert.Equal(["schedule.at"], ErrorsOf(r => r.Schedule = new Wire.RuleSchedule { At = "event.amount" }).Keys);
    }

    [Fact]
    public void AScheduleAndAnAbsenceCannotBothBeSet()
    {
        var errors = ErrorsOf(r =>
        {
            r.Schedule = new Wire.RuleSchedule { At = "event.occurredAt", Offset = "P1D" };
            r.Absence = new Wire.RuleAbsence { Event = "activity.trade", Within = "P1D" };
        });

        Assert.Equal(["schedule"], errors.Keys);
    }

    [Fact]
    public void TheAnniversaryScheduleComesBackEachYearFromTheAnchor()
    {
        var wire = FirstDeposit();
        wire.Schedule = new Wire.RuleSchedule { At = "client.approvedAt", Offset = "P1Y", Every = "P1Y" };
        var schedule = RuleParser.Parse(wire).Rule!.Schedule!;
        var approved = new DateTimeOffset(2024, 2, 29, 10, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateTimeOffset(2025, 2, 28, 10, 0, 0, TimeSpan.FromHours(8)), schedule.Next(approved, approved));
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 10, 0, 0, TimeSpan.FromHours(8)), schedule.Next(approved, new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AScheduleMayLeadItsAnchorWithANegativeOffset()
    {
        var wire = FirstDeposit();
        wire.Schedule = new Wire.RuleSchedule { At = "event.occurredAt", Offset = "-P3D" };
        var schedule = RuleParser.Parse(wire).Rule!.Schedule!;
        var at = new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(at.AddDays(-3), schedule.Next(at, DateTimeOffset.MinValue));
    }

    [Fact]
    public void EscalationsAreCheckedLikeConditionsAndNamedByTheirPath()
    {
        var errors = ErrorsOf(r => r.Action.Escalations.Add([
            new Wire.RuleEscalation { Channel = "sms", Conditions = { Condition("event.amount", ">=", Value.ForNumber(100000)) } },
            new Wire.RuleEscalation { Channel = "fax", Conditions = { Condition("event.amount", "~", Value.ForNumber(1)) } },
            new Wire.RuleEscalation { Channel = "sms" },
        ]));

        Assert.Equal(["action.escalations[1].channel", "action.escalations[1].conditions[0].op", "action.escalations[2].conditions"], errors.Keys);
    }

    [Fact]
    public void ContentTagsMustBeLabels()
    {
        var errors = ErrorsOf(r => r.Action.Content.Tags.Add(["moment-m06", "Funding Guide"]));

        Assert.Equal(["action.content.tags[2]"], errors.Keys);
    }

    [Fact]
    public void MissingContentIsNamed() => Assert.Equal(["action.content"], ErrorsOf(r => r.Action.Content = null).Keys);

    [Fact]
    public void AParsedRuleWritesBackToTheSameWireForm()
    {
        var wire = FirstDeposit();
        wire.Absence = new Wire.RuleAbsence { Event = "activity.trade", Within = "P7D" };
        wire.Action.Escalations.Add(new Wire.RuleEscalation { Channel = "sms", Conditions = { Condition("client.erased", "exists", Value.ForBool(false)) } });
        wire.Action.WhenCapped = "inbox";

        var written = RuleWire.ToGrpc(RuleParser.Parse(wire).Rule!);

        Assert.Equal(wire, written);
    }
}
