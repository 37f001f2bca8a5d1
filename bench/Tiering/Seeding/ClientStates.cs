using Platform.Tiering.Assets;
using Platform.Tiering.Tiers;

namespace Platform.Bench.Tiering.Seeding;

/// <summary>
/// A seeded client's state as the service would hold it before the trigger, and what the sweep's
/// recalculation must then produce, both by the service's own domain code (AssetHistory,
/// ClientTier, TierTable). Day trigger: the client was calculated yesterday, before the last
/// trading day's snapshot was known; the sweep of today sees it and the window move by a day.
/// Table trigger: the client was calculated today on every snapshot with table version 1; the
/// sweep applies version 2.
/// </summary>
public sealed class ClientStates(SeedCalendar calendar, Trigger trigger)
{
    /// <summary>Version 2 of the table trigger: every minimum from V2 up lowered by 5%, V1 stays "more than nothing".</summary>
    public static TierTable LoweredTable { get; } = TierTable.Default with
    {
        Version = 2,
        Minimums = [.. TierTable.Default.Minimums.Select((minimum, i) => i == 0 ? minimum : minimum * 0.95m)],
    };

    private readonly TradingCalendar trading = SeedCalendar.Trading;

    public TierTable TableAfter => trigger == Trigger.Table ? LoweredTable : TierTable.Default;

    /// <summary>The client as last calculated before the trigger, and its full history (every snapshot recorded).</summary>
    public (ClientTier Client, AssetHistory History) Before(string clientId, ReadOnlySpan<AssetSnapshot> snapshots, DateTimeOffset approvedAt)
    {
        var history = new AssetHistory();
        foreach (var snapshot in snapshots[..^1])
        {
            history.Record(snapshot);
        }

        var asOf = trigger == Trigger.Day ? calendar.Yesterday : calendar.Today;
        if (trigger == Trigger.Table)
        {
            history.Record(snapshots[^1]);
        }

        var client = ClientTier.Start(clientId, approvedAt);
        client.Recalculate(history.AverageDailyAssets(asOf, trading, TierTable.Default.WindowDays), TierTable.Default, approvedAt);
        client.MarkCalculated(asOf, TierTable.Default.Version);
        history.Record(snapshots[^1]);
        return (client, history);
    }

    /// <summary>What the recalculation of today must decide for the client (changes <paramref name="client"/>).</summary>
    public IReadOnlyList<TierOutcome> After(ClientTier client, AssetHistory history)
    {
        var table = TableAfter;
        var reason = table.Version > client.TableVersion ? TierChangeReasons.ThresholdsChanged : TierChangeReasons.Upgrade;
        return client.Recalculate(history.AverageDailyAssets(calendar.Today, trading, table.WindowDays), table, calendar.Now, reason);
    }
}
