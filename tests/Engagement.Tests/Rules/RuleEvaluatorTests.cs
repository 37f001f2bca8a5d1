using Google.Protobuf.WellKnownTypes;
using Platform.Activity.Events;
using Platform.Engagement.Facts;
using Platform.Engagement.Rules;
using Platform.Onboarding.Events;
using static Platform.Engagement.Tests.Rules.WireRules;
using Rule = Platform.Engagement.Rules.Rule;

namespace Platform.Engagement.Tests.Rules;

/// <summary>The pure evaluator: conditions over the trigger's fields and the client's, absent fields, escalations.</summary>
public sealed class RuleEvaluatorTests
{
    private static readonly Rule FirstDeposit = RuleParser.Parse(WireRules.FirstDeposit()).Rule!;

    private static IReadOnlyDictionary<string, object?> Deposit(long units) =>
        EventFields.Of(new Deposit { ClientId = "c-1", Amount = new DecimalValue { Units = units } });

    private static Dictionary<string, object?> Client(params (string Field, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Field, f => f.Value);

    [Fact]
    public void ApisExampleHoldsForASmallTierClientsLargeDepositOnly()
    {
        var small = Client((ClientFields.Tier, "V1"));

        Assert.True(RuleEvaluator.Holds(FirstDeposit, Deposit(50000), small));
        Assert.False(RuleEvaluator.Holds(FirstDeposit, Deposit(49999), small));
        Assert.False(RuleEvaluator.Holds(FirstDeposit, Deposit(90000), Client((ClientFields.Tier, "V5"))));
        Assert.True(RuleEvaluator.EventConditionsHold(FirstDeposit, Deposit(50000)));
        Assert.False(RuleEvaluator.ClientConditionsHold(FirstDeposit, Client((ClientFields.Tier, "V3"))));
    }

    [Fact]
    public void AnAbsentFieldFailsEveryConditionButExistsFalse()
    {
        var none = Client((ClientFields.LastLoginAt, null));

        Assert.False(Holds(Condition(ClientFields.DaysSinceLogin, ">=", Value.ForNumber(30)), none));
        Assert.False(Holds(Condition(ClientFields.Tier, "!=", Value.ForString("V7")), none));
        Assert.False(Holds(Condition(ClientFields.Tier, "not_in", null, Value.ForString("V7")), none));
        Assert.False(Holds(Condition(ClientFields.LastLoginAt, "exists", Value.ForBool(true)), none));
        Assert.True(Holds(Condition(ClientFields.LastLoginAt, "exists", Value.ForBool(false)), none));
    }

    [Theory]
    [InlineData("=", 5, true)]
    [InlineData("!=", 5, false)]
    [InlineData(">", 4, true)]
    [InlineData(">", 5, false)]
    [InlineData(">=", 5, true)]
    [InlineData("<", 5, false)]
    [InlineData("<=", 5, true)]
    public void NumbersCompareWhateverNumericTypeTheStateSupplies(string op, double value, bool holds)
    {
        var condition = Condition(ClientFields.IdleCashDays, op, Value.ForNumber(value));

        Assert.Equal(holds, Holds(condition, Client((ClientFields.IdleCashDays, 5))));
        Assert.Equal(holds, Holds(condition, Client((ClientFields.IdleCashDays, 5L))));
        Assert.Equal(holds, Holds(condition, Client((ClientFields.IdleCashDays, 5.0m))));
    }

    [Fact]
    public void TextAndFlagConditionsCompareExactly()
    {
        Assert.True(Holds(Condition(ClientFields.Stage, "in", null, Value.ForString("S4"), Value.ForString("S5")), Client((ClientFields.Stage, "S5"))));
        Assert.True(Holds(Condition(ClientFields.Stage, "not_in", null, Value.ForString("S4")), Client((ClientFields.Stage, "S5"))));
        Assert.False(Holds(Condition(ClientFields.Stage, "=", Value.ForString("S5")), Client((ClientFields.Stage, "s5"))));
        Assert.True(Holds(Condition(ClientFields.Erased, "!=", Value.ForBool(true)), Client((ClientFields.Erased, false))));
    }

    [Fact]
    public void TheFirstEscalationWhoseConditionsHoldPicksTheChannel()
    {
        var wire = WireRules.FirstDeposit("M02");
        wire.Trigger = new Platform.Engagement.Grpc.RuleTrigger { Event = "onboarding.ProspectStalled" };
        wire.Conditions.Clear();
        wire.Action.Channel = "push";
        wire.Action.Escalations.Add(new Platform.Engagement.Grpc.RuleEscalation { Channel = "sms", Conditions = { Condition("event.level", ">=", Value.ForNumber(3)) } });
        var rule = RuleParser.Parse(wire).Rule!;

        Assert.Equal("push", RuleEvaluator.Channel(rule, EventFields.Of(new ProspectStalled { Level = 2 }), Client()));
        Assert.Equal("sms", RuleEvaluator.Channel(rule, EventFields.Of(new ProspectStalled { Level = 3 }), Client()));
    }

    private static bool Holds(Platform.Engagement.Grpc.RuleCondition wire, IReadOnlyDictionary<string, object?> client)
    {
        var rule = WireRules.FirstDeposit();
        rule.Conditions.Clear();
        rule.Conditions.Add(wire);
        var (parsed, errors) = RuleParser.Parse(rule);
        Assert.Empty(errors);
        return RuleEvaluator.ClientConditionsHold(parsed!, client);
    }
}
