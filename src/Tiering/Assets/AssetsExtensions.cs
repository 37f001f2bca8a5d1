using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Onboarding.Events;

namespace Platform.Tiering.Assets;

public static class AssetsExtensions
{
    /// <summary>
    /// Approvals, and what core systems report about a client's assets (end-of-day snapshots and the money moved in and out
    /// between them), in batches: the group's one batch handler takes all of them.
    /// </summary>
    public static ConsumerRegistrations HandleAssetActivity(this ConsumerRegistrations consumer) => consumer
        .HandleInBatches<AccountApproved, AssetActivityHandler>(Topics.OnboardingEvents)
        .HandleInBatches<AssetsSnapshot, AssetActivityHandler>(Topics.ActivityEvents)
        .HandleInBatches<Deposit, AssetActivityHandler>(Topics.ActivityEvents)
        .HandleInBatches<Withdrawal, AssetActivityHandler>(Topics.ActivityEvents)
        .HandleInBatches<TransferOut, AssetActivityHandler>(Topics.ActivityEvents);
}
