using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Facts;
using Platform.Engagement.Rules;
using Wire = Platform.Engagement.Grpc;

namespace Platform.Engagement.Tests.Rules;

/// <summary>
/// An operator can write the shapes the seeded M06, M08, M09, M10, M16 and M17 use (the first deposit or investment, schedules
/// on the run starts and on a purchase's maturity, a condition on the transfer's share), and a wrong use of those fields is a
/// 400 naming it.
/// </summary>
public sealed class SignalRuleShapeTests
{
    [Theory]
    [InlineData("M06")]
    [InlineData("M08")]
    [InlineData("M09")]
    [InlineData("M10")]
    [InlineData("M16")]
    [InlineData("M17")]
    public void TheSeededShapeIsAcceptedFromAnOperatorUnderAnotherKey(string moment)
    {
        var wire = Seeded(moment);
        wire.Key = "my-" + moment.ToLowerInvariant();

        var (rule, errors) = RuleParser.Parse(wire);

        Assert.Empty(errors);
        Assert.NotNull(rule);
    }

    [Fact]
    public void ARunStartThatIsNotATimeOrAMaturityATriggerDoesNotCarryIsNamed()
    {
        var idle = Seeded("M09");
        idle.Schedule.At = ClientFields.IdleCashDays;
        var maturity = Seeded("M10");
        maturity.Trigger.AlsoOn.Add("activity.product_matured");

        Assert.Equal(["schedule.at"], RuleParser.Parse(idle).Errors.Keys);
        Assert.Equal(["schedule.at"], RuleParser.Parse(maturity).Errors.Keys);
    }

    [Fact]
    public void TheTransfersShareTakesANumberAndTheRunStartsOnlyExists()
    {
        var share = Seeded("M17");
        share.Conditions[0].Value = Value.ForString("30%");
        var disengaged = Seeded("M16");
        disengaged.Conditions.Add(new Wire.RuleCondition { Field = ClientFields.DisengagedAt, Op = ">=", Value = Value.ForNumber(30) });

        Assert.Equal(["conditions[0].value"], RuleParser.Parse(share).Errors.Keys);
        Assert.Equal(["conditions[0].op"], RuleParser.Parse(disengaged).Errors.Keys);
    }

    [Fact]
    public void TheFirstFlagTakesTrueOrFalseAndOnlyOnADepositTradeOrPurchase()
    {
        var word = Seeded("M06");
        word.Conditions[0].Value = Value.ForString("yes");
        var compared = Seeded("M06");
        compared.Conditions[0].Op = ">=";
        var withdrawal = Seeded("M08");
        withdrawal.Trigger.AlsoOn.Add("activity.withdrawal");
        var later = Seeded("M06");
        later.Conditions[0].Value = Value.ForBool(false);

        Assert.Equal(["conditions[0].value"], RuleParser.Parse(word).Errors.Keys);
        Assert.Equal(["conditions[0].op"], RuleParser.Parse(compared).Errors.Keys);
        var error = Assert.Single(RuleParser.Parse(withdrawal).Errors);
        Assert.Equal("conditions[0].field", error.Key);
        Assert.Contains("activity.withdrawal", string.Join(" ", error.Value), StringComparison.Ordinal);
        // "A later deposit" is a rule too.
        Assert.Empty(RuleParser.Parse(later).Errors);
    }

    private static Wire.Rule Seeded(string key) => RuleSeed.Rules.Single(r => r.Key == key).Clone();
}
