using Platform.Activity.Events;
using Platform.Engagement.Facts;
using Platform.Engagement.Rules;
using Platform.Messaging;
using Platform.Tiering.Events;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Rules;

/// <summary>The event catalogue: the design's vocabulary, each with its topic, and fields derived from the protobuf descriptors.</summary>
public sealed class RuleEventsTests
{
    [Fact]
    public void TheCatalogueIsTheDesignsVocabularyOnItsTopics()
    {
        Assert.Equal(
            ["onboarding.StepRecorded", "onboarding.ProspectStalled", "onboarding.ApplicationRejected", "onboarding.AccountApproved",
                "onboarding.AccountDormant", "onboarding.AccountFunded", "activity.login", "activity.deposit", "activity.withdrawal",
                "activity.transfer_out", "activity.trade", "activity.product_purchase", "activity.product_matured", "activity.drawdown",
                "activity.assets_snapshot", "tiering.TierChanged", "tiering.DowngradeWarned", "tiering.DowngradeWarningCleared",
                "tiering.NearNextTier", "tiering.BenefitRedeemed", "content.ExposureRecorded", "content.ConversionRecorded",
                "engagement.StageChanged"],
            RuleEvents.All.Keys);
        Assert.All(RuleEvents.All.Values, e => Assert.Equal(e.Name.Split('.')[0] + ".events", e.Topic));
        Assert.Equal(Topics.ActivityEvents, RuleEvents.All["activity.transfer_out"].Topic);
        Assert.Equal(nameof(TransferOut), RuleEvents.All["activity.transfer_out"].Descriptor.Name);
    }

    [Fact]
    public void FieldsAreTheCamelCaseJsonNamesWithKindsFromTheirTypes()
    {
        var kinds = RuleEvents.All["tiering.NearNextTier"].Fields;

        Assert.Equal(FieldKind.Text, kinds["event.nextTier"]);
        Assert.Equal(FieldKind.Number, kinds["event.amountToNextTier"]);   // Tiering's Amount
        Assert.Equal(FieldKind.Time, kinds["event.occurredAt"]);
        Assert.Equal(FieldKind.Number, RuleEvents.All["activity.drawdown"].Fields["event.percent"]);   // activity's DecimalValue
        Assert.Equal(FieldKind.Number, RuleEvents.All["onboarding.ProspectStalled"].Fields["event.level"]);   // int32
        Assert.False(RuleEvents.All["onboarding.ProspectStalled"].Fields.ContainsKey("event.threshold"));   // a Duration: not offered
    }

    [Fact]
    public void ADepositTradeAndPurchaseHaveTheDerivedFirstFlagAndNoOtherEventHasIt()
    {
        var having = RuleEvents.All.Values.Where(e => e.Fields.ContainsKey(FirstEventField.Field)).Select(e => e.Name);

        Assert.Equal(["activity.deposit", "activity.trade", "activity.product_purchase"], having);
        Assert.Equal(FieldKind.Flag, RuleEvents.All["activity.deposit"].Fields[FirstEventField.Field]);
    }

    [Fact]
    public void AnEventsValuesAreReadExactlyAndUnsetOnesAreAbsent()
    {
        var at = new DateTimeOffset(2026, 12, 1, 2, 3, 4, TimeSpan.Zero);
        var purchase = new ProductPurchase
        {
            ClientId = "c-1", OccurredAt = Timestamp.FromDateTimeOffset(at), Amount = new DecimalValue { Units = 12345, Nanos = 670_000_000 },
        };

        var fields = EventFields.Of(purchase);

        Assert.Equal(12345.67m, fields["event.amount"]);
        Assert.Equal(at, fields["event.occurredAt"]);
        Assert.Equal("c-1", fields["event.clientId"]);
        Assert.False(fields.ContainsKey("event.productId"));   // empty string: not sent
        Assert.Same(RuleEvents.All["activity.product_purchase"], RuleEvents.Of(purchase));
    }

    [Fact]
    public void NegativeDecimalsKeepTheirSign()
    {
        var fields = EventFields.Of(new TierChanged { AverageDailyAssets = new Amount { Units = -5, Nanos = -500_000_000 } });

        Assert.Equal(-5.5m, fields["event.averageDailyAssets"]);
    }
}
