using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>The events the lifecycle state is built from, as the other services publish them.</summary>
public static class LifecycleEvents
{
    public static TestEvent Registered(DateTimeOffset at) => new(Topics.OnboardingEvents,
        c => new StepRecorded { ClientId = c, Funnel = "standard", Step = "registered", OccurredAt = Ts(at), RegisteredAt = Ts(at) }, at, $"registered {at:u}");

    public static TestEvent Rejected(DateTimeOffset at) => new(Topics.OnboardingEvents,
        c => new ApplicationRejected { ClientId = c, Funnel = "standard", Reason = "blurred_id", OccurredAt = Ts(at) }, at, $"rejected {at:u}");

    public static TestEvent Approved(DateTimeOffset at) => new(Topics.OnboardingEvents,
        c => new AccountApproved { ClientId = c, Funnel = "standard", OccurredAt = Ts(at), RiskLevel = "C3" }, at, $"approved {at:u}");

    public static TestEvent Funded(DateTimeOffset approvedAt, DateTimeOffset at) => new(Topics.OnboardingEvents,
        c => new AccountFunded { ClientId = c, ApprovedAt = Ts(approvedAt), FundedAt = Ts(at) }, at, $"funded {at:u} (approved {approvedAt:u})");

    public static TestEvent Login(DateTimeOffset at) => new(Topics.ActivityEvents,
        c => new Login { ClientId = c, OccurredAt = Ts(at) }, at, $"login {at:u}");

    public static TestEvent Deposit(DateTimeOffset at, decimal amount) => new(Topics.ActivityEvents,
        c => new Deposit { ClientId = c, OccurredAt = Ts(at), Amount = Money(amount) }, at, $"deposit {amount} {at:u}");

    public static TestEvent Withdrawal(DateTimeOffset at, decimal amount) => new(Topics.ActivityEvents,
        c => new Withdrawal { ClientId = c, OccurredAt = Ts(at), Amount = Money(amount) }, at, $"withdrawal {amount} {at:u}");

    public static TestEvent Trade(DateTimeOffset at, decimal amount) => new(Topics.ActivityEvents,
        c => new Trade { ClientId = c, OccurredAt = Ts(at), Amount = Money(amount) }, at, $"trade {amount} {at:u}");

    public static TestEvent Purchase(DateTimeOffset at, decimal amount) => new(Topics.ActivityEvents,
        c => new ProductPurchase { ClientId = c, OccurredAt = Ts(at), ProductId = "wealth-90d", Amount = Money(amount) }, at, $"purchase {amount} {at:u}");

    public static TestEvent TransferOut(DateTimeOffset at, decimal amount) => new(Topics.ActivityEvents,
        c => new TransferOut { ClientId = c, OccurredAt = Ts(at), Amount = Money(amount) }, at, $"transfer out {amount} {at:u}");

    public static TestEvent Snapshot(string date, decimal total, decimal cash, DateTimeOffset takenAt) => new(Topics.ActivityEvents,
        c => new AssetsSnapshot { ClientId = c, OccurredAt = Ts(takenAt), Date = date, TotalAssets = Money(total), Cash = Money(cash) },
        takenAt, $"snapshot {date} total {total} cash {cash} taken {takenAt:u}");

    public static TestEvent TierChanged(string tier, DateTimeOffset at) => new(Topics.TieringEvents,
        c => new TierChanged { ClientId = c, FromTier = "V0", ToTier = tier, Reason = "upgrade", OccurredAt = Ts(at) }, at, $"tier {tier} {at:u}");

    public static TestEvent NearNextTier(decimal amount, DateTimeOffset at) => new(Topics.TieringEvents,
        c => new NearNextTier { ClientId = c, Tier = "V1", NextTier = "V2", AmountToNextTier = amount.ToExact<Amount>(), OccurredAt = Ts(at) },
        at, $"near next tier {amount} {at:u}");

    /// <summary>The trading day of <paramref name="at"/> as snapshots write it.</summary>
    public static string Day(DateTimeOffset at) => Engagement.Lifecycle.TradingDay.Of(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static Timestamp Ts(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    private static DecimalValue Money(decimal amount) => amount.ToExact<DecimalValue>();
}
