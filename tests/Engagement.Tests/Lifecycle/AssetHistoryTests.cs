using Platform.Engagement.Lifecycle;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>The daily snapshots a state keeps: one per day, the latest day's figures current, a bounded window.</summary>
public sealed class AssetHistoryTests
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;
    private static readonly DateOnly Today = TradingDay.Of(T0);

    [Fact]
    public void ALaterSnapshotOfTheSameDayReplacesTheEarlierOneWhicheverArrivesFirst()
    {
        var morning = new DailySnapshot(Today, 100_000m, 10_000m, T0);
        var evening = new DailySnapshot(Today, 90_000m, 5_000m, T0.AddHours(6));
        foreach (var order in new[] { new[] { morning, evening }, [evening, morning] })
        {
            var state = new ClientState { ClientId = "c-1" };
            Array.ForEach(order, s => AssetHistory.Add(state, s));
            Assert.Equal((Today, 90_000m, 5_000m), (state.SnapshotDate!.Value, state.TotalAssets!.Value, state.Cash!.Value));
            Assert.Single(state.DailyDates);
        }
    }

    [Fact]
    public void AnOlderDayNeverOverwritesTheLatestAndADayBeyondTheWindowIsNotKept()
    {
        var state = new ClientState { ClientId = "c-1" };
        AssetHistory.Add(state, new DailySnapshot(Today, 100_000m, 10_000m, T0));
        // Taken later (a correction of an old day), but of an older day: history, not the current figures.
        AssetHistory.Add(state, new DailySnapshot(Today.AddDays(-1), 5_000m, 5_000m, T0.AddHours(1)));
        AssetHistory.Add(state, new DailySnapshot(Today.AddDays(-AssetHistory.KeptDays - 1), 1m, 1m, T0));

        Assert.Equal((Today, 100_000m, 10_000m), (state.SnapshotDate!.Value, state.TotalAssets!.Value, state.Cash!.Value));
        Assert.Equal([Today.AddDays(-1), Today], state.DailyDates);
    }
}
