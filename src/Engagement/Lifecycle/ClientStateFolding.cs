using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Activity.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Events;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// Applies one event to a client's state. Every fact is a guarded merge (the earliest approval, the latest login, the
/// snapshot of the latest day, the tier of the latest change), so the same events in any order give the same state; only
/// the investment count adds up, and the consumer's inbox lets each event through once. Times are kept at the database's
/// precision (microseconds), so a state folded here compares equal to the one read back.
/// </summary>
public static class ClientStateFolding
{
    /// <summary>The client an event is about.</summary>
    /// <exception cref="FormatException">The event names no client (a broken event: dead-lettered, never guessed at).</exception>
    public static string ClientIdOf(IMessage message)
    {
        var field = message.Descriptor.FindFieldByName("client_id")
            ?? throw new FormatException($"{message.Descriptor.Name} carries no client_id.");
        return field.Accessor.GetValue(message) is string { Length: > 0 and <= ServiceDefaults.Validation.ClientIds.MaxLength } clientId
            ? clientId
            : throw new FormatException($"{message.Descriptor.Name} has an empty client_id or one longer than {ServiceDefaults.Validation.ClientIds.MaxLength} characters.");
    }

    public static void Apply(ClientState state, IMessage message, EventContext context)
    {
        DateTimeOffset At(Timestamp? occurredAt) => StoredTime.Of(occurredAt?.ToDateTimeOffset() ?? context.OccurredAt);
        switch (message)
        {
            case StepRecorded step:
                // A step cannot precede the registration: its time stands for it until the registration's own is known.
                Registered(state, At(step.RegisteredAt ?? step.OccurredAt));
                break;
            case ApplicationRejected rejected:
                Registered(state, At(rejected.OccurredAt));
                break;
            case AccountApproved approved:
                Registered(state, At(approved.RegisteredAt ?? approved.OccurredAt));
                Approved(state, At(approved.OccurredAt));
                break;
            case AccountFunded funded:
                if (funded.ApprovedAt is { } approvedAt)
                {
                    Approved(state, At(approvedAt));
                }

                Deposited(state, At(funded.FundedAt));
                break;
            case Login login:
                state.LastLoginAt = Latest(state.LastLoginAt, At(login.OccurredAt));
                break;
            case Deposit deposit:
                Deposited(state, At(deposit.OccurredAt));
                break;
            case Trade trade:
                Invested(state, At(trade.OccurredAt));
                break;
            case ProductPurchase purchase:
                Invested(state, At(purchase.OccurredAt));
                break;
            case TransferOut transfer:
                TransferredOut(state, At(transfer.OccurredAt), transfer.Amount.ToDecimal());
                break;
            case AssetsSnapshot snapshot:
                AssetHistory.Add(state, new DailySnapshot(DateOf(snapshot), snapshot.TotalAssets.ToDecimal(), snapshot.Cash.ToDecimal(), At(snapshot.OccurredAt)));
                break;
            case TierChanged tier:
                TierChanged(state, tier.ToTier, At(tier.OccurredAt));
                break;
            case NearNextTier near:
                NearNextTier(state, near.AmountToNextTier.ToDecimal(), At(near.OccurredAt));
                break;
            case Withdrawal or ProductMatured or Drawdown or ProspectStalled or AccountDormant or DowngradeWarned or DowngradeWarningCleared or BenefitRedeemed:
                break; // no part of the state: rules read these events' own fields
            default:
                throw new InvalidOperationException($"{message.Descriptor.Name} is not a lifecycle event.");
        }
    }

    private static void Registered(ClientState state, DateTimeOffset at) => state.RegisteredAt = Earliest(state.RegisteredAt, at);

    private static void Approved(ClientState state, DateTimeOffset at) => state.ApprovedAt = Earliest(state.ApprovedAt, at);

    private static void Deposited(ClientState state, DateTimeOffset at) => state.FirstDepositAt = Earliest(state.FirstDepositAt, at);

    private static void Invested(ClientState state, DateTimeOffset at)
    {
        state.FirstInvestmentAt = Earliest(state.FirstInvestmentAt, at);
        state.LastInvestmentAt = Latest(state.LastInvestmentAt, at);
        state.Investments++;
    }

    /// <summary>Keeps the transfers within the window of the latest one: only those can still be a signal once it is known.</summary>
    private static void TransferredOut(ClientState state, DateTimeOffset at, decimal amount)
    {
        if (amount <= 0)
        {
            throw new FormatException($"A transfer out must move a positive amount; this one moves {amount.ToString(CultureInfo.InvariantCulture)}.");
        }

        // A set: the same transfer again (a redelivery under another event id) is kept once.
        var kept = state.TransferOutAt.Zip(state.TransferOutAmounts, (a, m) => (At: a, Amount: m)).Append((At: at, Amount: amount)).Distinct().ToList();
        var latest = kept.Max(t => t.At);
        kept = kept.Where(t => t.At > latest - LifecycleStages.Window).OrderBy(t => t.At).ThenBy(t => t.Amount).ToList();
        state.TransferOutAt = kept.Select(t => t.At).ToArray();
        state.TransferOutAmounts = kept.Select(t => t.Amount).ToArray();
    }

    /// <summary>The tier of the latest change; a distance to the next tier measured before that change no longer holds.</summary>
    private static void TierChanged(ClientState state, string tier, DateTimeOffset at)
    {
        if (!IsTier(tier))
        {
            throw new FormatException($"TierChanged names the tier '{tier}'; tiers are V0..V7.");
        }

        // Of two changes at one instant, the higher tier stands: any fixed choice makes the order they came in irrelevant.
        if (state.TierChangedAt is { } known && (known > at || known == at && string.CompareOrdinal(state.Tier, tier) >= 0))
        {
            return;
        }

        (state.Tier, state.TierChangedAt) = (tier, at);
        if (state.AmountToNextTierAt < at)
        {
            (state.AmountToNextTier, state.AmountToNextTierAt) = (null, null);
        }
    }

    /// <summary>The latest distance to the next tier, unless a tier change came after it.</summary>
    private static void NearNextTier(ClientState state, decimal amount, DateTimeOffset at)
    {
        if (state.AmountToNextTierAt > at || state.AmountToNextTierAt == at && state.AmountToNextTier <= amount || state.TierChangedAt > at)
        {
            return;
        }

        (state.AmountToNextTier, state.AmountToNextTierAt) = (amount, at);
    }

    private static DateOnly DateOf(AssetsSnapshot snapshot) =>
        DateOnly.TryParseExact(snapshot.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"AssetsSnapshot's date '{snapshot.Date}' is not a trading day (yyyy-MM-dd).");

    private static bool IsTier(string tier) => tier is ['V', >= '0' and <= '7'];

    private static DateTimeOffset Earliest(DateTimeOffset? known, DateTimeOffset at) => known is { } k && k <= at ? k : at;

    private static DateTimeOffset Latest(DateTimeOffset? known, DateTimeOffset at) => known is { } k && k >= at ? k : at;
}
