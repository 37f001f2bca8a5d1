using Platform.Activity.Events;
using Platform.Messaging;

namespace Platform.Tiering.Assets;

public static class AssetsExtensions
{
    /// <summary>What core systems report about a client's assets: end-of-day snapshots and the money moved in and out between them.</summary>
    public static ConsumerRegistrations HandleAssetActivity(this ConsumerRegistrations consumer) => consumer
        .Handle<AssetsSnapshot, AssetActivityHandler>(Topics.ActivityEvents)
        .Handle<Deposit, AssetActivityHandler>(Topics.ActivityEvents)
        .Handle<Withdrawal, AssetActivityHandler>(Topics.ActivityEvents)
        .Handle<TransferOut, AssetActivityHandler>(Topics.ActivityEvents);
}
