extern alias ContentApp;

using Platform.Activity.Events;
using Platform.Engagement.Facts;
using Platform.Engagement.Rules;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;
using CatalogSeed = ContentApp::Platform.Content.Catalog.CatalogSeed;
using ContentKinds = ContentApp::Platform.Content.Catalog.ContentKinds;

namespace Platform.Engagement.Tests.Rules;

/// <summary>The seeded moments: M01-M17, each passing the operators' checks, with DOMAIN.md's defaults and content Content's seed has.</summary>
public sealed class RuleSeedTests
{
    [Fact]
    public void TheSeventeenMomentsParseAsOperatorsRulesWould()
    {
        var rules = RuleSeedSql.Rules();

        Assert.Equal(Enumerable.Range(1, 17).Select(n => $"M{n:D2}"), rules.Select(r => r.Key));
        Assert.All(rules, r => Assert.True(r.Enabled));
    }

    [Fact]
    public void EachMomentHasDomainsStageChannelAndOnce()
    {
        // DOMAIN.md section 3's table; "episode"-like instance columns (stall level, rejection, warning, idle run, silence)
        // are episodes; product maturity, upgrade, approach and transfer are one instance per event.
        var expected = new Dictionary<string, (string Stage, string Channel, OnceScope Once)>
        {
            ["M01"] = ("S1", "push", OnceScope.Client), ["M02"] = ("S1", "push", OnceScope.Episode), ["M03"] = ("S1", "sms", OnceScope.Episode),
            ["M04"] = ("S2", "push", OnceScope.Client), ["M05"] = ("S2", "sms", OnceScope.Client), ["M06"] = ("S3", "inbox", OnceScope.Client),
            ["M07"] = ("S3", "push", OnceScope.Client), ["M08"] = ("S3", "inbox", OnceScope.Client), ["M09"] = ("S4", "push", OnceScope.Episode),
            ["M10"] = ("S4", "sms", OnceScope.Event), ["M11"] = ("S4", "inbox", OnceScope.Event), ["M12"] = ("S4", "push", OnceScope.Event),
            ["M13"] = ("S5", "sms", OnceScope.Episode), ["M14"] = ("S5", "push", OnceScope.Day), ["M15"] = ("S5", "inbox", OnceScope.Year),
            ["M16"] = ("S6", "sms", OnceScope.Episode), ["M17"] = ("S6", "advisor_task", OnceScope.Event),
        };

        Assert.Equal(expected, RuleSeedSql.Rules().ToDictionary(r => r.Key, r => (r.Stage!, r.Action.Channel, r.Once)));
    }

    [Fact]
    public void AbsenceScheduleAndEscalationMomentsUseThem()
    {
        var rules = RuleSeedSql.Rules().ToDictionary(r => r.Key);

        Assert.Equal(["M01", "M05", "M07"], rules.Values.Where(r => r.Absence is not null).Select(r => r.Key));
        Assert.Equal(("client.approvedAt", "P1Y", "P1Y"), (rules["M15"].Schedule!.At, rules["M15"].Schedule!.Offset.Text, rules["M15"].Schedule!.Every!.Text));
        // The runs' starts: idle cash for 5 days, the earlier of no login for 30 days and assets halved over 30 days; once per run.
        Assert.Equal(("client.idleCashSince", "P5D", (string?)null), (rules["M09"].Schedule!.At, rules["M09"].Schedule!.Offset.Text, rules["M09"].Schedule!.Every?.Text));
        Assert.Equal(("client.disengagedAt", RuleDuration.Zero, (RuleDuration?)null), (rules["M16"].Schedule!.At, rules["M16"].Schedule!.Offset, rules["M16"].Schedule!.Every));
        Assert.Equal(["activity.login", "onboarding.AccountApproved", "activity.assets_snapshot"], rules["M16"].Trigger.Events);
        Assert.Equal("sms", Assert.Single(rules["M02"].Action.Escalations).Channel);
        Assert.Equal(["activity.trade", "activity.product_purchase"], rules["M08"].Trigger.Events);
    }

    [Fact]
    public void EachMomentsContentIsAnItemOfContentsSeedOnEachChannelTheRuleMayUse()
    {
        var items = CatalogSeed.Items();

        Assert.All(RuleSeedSql.Rules(), rule =>
        {
            foreach (var channel in rule.Action.Escalations.Select(e => e.Channel).Prepend(rule.Action.Channel))
            {
                Assert.Contains(items, i => ContentKinds.Wire(i.Kind) == rule.Action.Content.Kind
                    && rule.Action.Content.Tags.All(i.Labels.Contains) && i.Channels.Contains(channel));
            }
        });
    }

    [Fact]
    public void EngagementsContentKindsAreContents()
    {
        Assert.Equal(ContentKinds.List.Split(", "), RuleVocabulary.ContentKinds);
    }

    [Fact]
    public void TheSeededConditionsJudgeTheirMomentsAsDomainSays()
    {
        var rules = RuleSeedSql.Rules().ToDictionary(r => r.Key);
        var nobody = new Dictionary<string, object?>();

        Assert.Equal("push", RuleEvaluator.Channel(rules["M02"], EventFields.Of(new ProspectStalled { Step = "id_uploaded", Level = 2 }), nobody));
        Assert.Equal("sms", RuleEvaluator.Channel(rules["M02"], EventFields.Of(new ProspectStalled { Step = "id_uploaded", Level = 3 }), nobody));
        Assert.False(RuleEvaluator.EventConditionsHold(rules["M02"], EventFields.Of(new ProspectStalled { Step = "registered", Level = 1 })));
        Assert.True(RuleEvaluator.EventConditionsHold(rules["M11"], EventFields.Of(new TierChanged { Reason = "upgrade" })));
        Assert.False(RuleEvaluator.EventConditionsHold(rules["M11"], EventFields.Of(new TierChanged { Reason = "review_downgrade" })));
        Assert.True(RuleEvaluator.EventConditionsHold(rules["M14"], EventFields.Of(new Drawdown { Percent = new DecimalValue { Units = 10 } })));
        Assert.False(RuleEvaluator.EventConditionsHold(rules["M14"], EventFields.Of(new Drawdown { Percent = new DecimalValue { Units = 9, Nanos = 990_000_000 } })));
        // The first deposit, trade or purchase only (event.first, from the lifecycle state), not any.
        foreach (var (moment, first) in new[] { ("M06", true), ("M06", false), ("M08", true), ("M08", false) })
        {
            Assert.Equal(first, RuleEvaluator.EventConditionsHold(rules[moment], new Dictionary<string, object?> { [FirstEventField.Field] = first }));
        }

        Assert.False(RuleEvaluator.ClientConditionsHold(rules["M07"], new Dictionary<string, object?> { [ClientFields.FirstInvestmentAt] = DateTimeOffset.UnixEpoch }));
        Assert.True(RuleEvaluator.ClientConditionsHold(rules["M05"], nobody));
        Assert.True(RuleEvaluator.ClientConditionsHold(rules["M17"], new Dictionary<string, object?> { [ClientFields.LastTransferOutPercent] = 30m }));
        Assert.False(RuleEvaluator.ClientConditionsHold(rules["M17"], new Dictionary<string, object?> { [ClientFields.LastTransferOutPercent] = 29.99999m }));
        Assert.False(RuleEvaluator.ClientConditionsHold(rules["M17"], new Dictionary<string, object?> { [ClientFields.Stage] = "S6" }));
    }

    [Fact]
    public void TheAnniversaryFallsEachYearOnTheApprovalDay()
    {
        var m15 = RuleSeedSql.Rules().Single(r => r.Key == "M15");
        var approved = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(8));

        Assert.Equal(approved.AddYears(2), m15.Schedule!.Next(approved, approved.AddYears(1).AddDays(1)));
    }
}
