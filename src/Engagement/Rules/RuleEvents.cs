using Google.Protobuf;
using Google.Protobuf.Reflection;
using Platform.Messaging;
using ActivityEvents = Platform.Activity.Events;
using ContentEvents = Platform.Content.Events;
using EngagementEvents = Platform.Engagement.Events;
using OnboardingEvents = Platform.Onboarding.Events;
using TieringEvents = Platform.Tiering.Events;

namespace Platform.Engagement.Rules;

/// <summary>
/// The events rules may name (<c>&lt;topic prefix&gt;.&lt;type&gt;</c>): the proto message name, except activity's, which
/// rules spell as API.md's activity types (<c>activity.transfer_out</c>; its Kafka event-type header is still the message
/// name, <c>TransferOut</c>). One table for the validator (an unknown name is a 400 naming the field) and for the consumer
/// (which rules a consumed message triggers).
/// </summary>
public static class RuleEvents
{
    private static readonly RuleEvent[] Events =
    [
        new("onboarding.StepRecorded", Topics.OnboardingEvents, OnboardingEvents.StepRecorded.Descriptor),
        new("onboarding.ProspectStalled", Topics.OnboardingEvents, OnboardingEvents.ProspectStalled.Descriptor),
        new("onboarding.ApplicationRejected", Topics.OnboardingEvents, OnboardingEvents.ApplicationRejected.Descriptor),
        new("onboarding.AccountApproved", Topics.OnboardingEvents, OnboardingEvents.AccountApproved.Descriptor),
        new("onboarding.AccountDormant", Topics.OnboardingEvents, OnboardingEvents.AccountDormant.Descriptor),
        new("onboarding.AccountFunded", Topics.OnboardingEvents, OnboardingEvents.AccountFunded.Descriptor),
        new("activity.login", Topics.ActivityEvents, ActivityEvents.Login.Descriptor),
        new("activity.deposit", Topics.ActivityEvents, ActivityEvents.Deposit.Descriptor),
        new("activity.withdrawal", Topics.ActivityEvents, ActivityEvents.Withdrawal.Descriptor),
        new("activity.transfer_out", Topics.ActivityEvents, ActivityEvents.TransferOut.Descriptor),
        new("activity.trade", Topics.ActivityEvents, ActivityEvents.Trade.Descriptor),
        new("activity.product_purchase", Topics.ActivityEvents, ActivityEvents.ProductPurchase.Descriptor),
        new("activity.product_matured", Topics.ActivityEvents, ActivityEvents.ProductMatured.Descriptor),
        new("activity.drawdown", Topics.ActivityEvents, ActivityEvents.Drawdown.Descriptor),
        new("activity.assets_snapshot", Topics.ActivityEvents, ActivityEvents.AssetsSnapshot.Descriptor),
        new("tiering.TierChanged", Topics.TieringEvents, TieringEvents.TierChanged.Descriptor),
        new("tiering.DowngradeWarned", Topics.TieringEvents, TieringEvents.DowngradeWarned.Descriptor),
        new("tiering.DowngradeWarningCleared", Topics.TieringEvents, TieringEvents.DowngradeWarningCleared.Descriptor),
        new("tiering.NearNextTier", Topics.TieringEvents, TieringEvents.NearNextTier.Descriptor),
        new("tiering.BenefitRedeemed", Topics.TieringEvents, TieringEvents.BenefitRedeemed.Descriptor),
        new("content.ExposureRecorded", Topics.ContentEvents, ContentEvents.ExposureRecorded.Descriptor),
        new("content.ConversionRecorded", Topics.ContentEvents, ContentEvents.ConversionRecorded.Descriptor),
        new("engagement.StageChanged", Topics.EngagementEvents, EngagementEvents.StageChanged.Descriptor),
    ];

    private static readonly Dictionary<string, RuleEvent> ByMessage = Events.ToDictionary(e => e.Descriptor.FullName, StringComparer.Ordinal);

    /// <summary>Every event by its name in rules.</summary>
    public static IReadOnlyDictionary<string, RuleEvent> All { get; } = Events.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The names, for error messages.</summary>
    public static string List { get; } = string.Join(", ", Events.Select(e => e.Name));

    public static bool TryGet(string? name, out RuleEvent ruleEvent) =>
        All.TryGetValue(name ?? string.Empty, out ruleEvent!);

    /// <summary>The event a consumed message is, or null for a message no rule can name.</summary>
    public static RuleEvent? Of(IMessage message) => ByMessage.GetValueOrDefault(message.Descriptor.FullName);

    /// <summary>The event of a message type, or null.</summary>
    public static RuleEvent? Of(MessageDescriptor descriptor) => ByMessage.GetValueOrDefault(descriptor.FullName);
}
