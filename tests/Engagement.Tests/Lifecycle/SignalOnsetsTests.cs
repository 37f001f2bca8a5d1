using Platform.Engagement.Lifecycle;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>The starts of the runs M09 and M16 are anchored on, worked out from the kept daily history alone.</summary>
public sealed class SignalOnsetsTests
{
    private static readonly DateOnly Day0 = new(2026, 10, 1);

    [Fact]
    public void AnIdleRunStartsOnItsFirstDayAndHasNoStartOnceLongerThanThirtyDays()
    {
        static ClientState UpTo(int last) => History(Enumerable.Range(0, last + 1).Select(d => (d, 100_000m, d < 10 ? 10_000m : 60_000m)));

        // Idle from day 10: on day 40 the run's start is still told; a day later it may have left the kept history.
        Assert.Equal(Start(Day0.AddDays(10)), SignalOnsets.IdleCashSince(UpTo(10), 50_000m));
        Assert.Equal(Start(Day0.AddDays(10)), SignalOnsets.IdleCashSince(UpTo(40), 50_000m));
        Assert.Null(SignalOnsets.IdleCashSince(UpTo(41), 50_000m));
        Assert.Null(SignalOnsets.IdleCashSince(History([(0, 100_000m, 49_999.99m)]), 50_000m));
    }

    [Fact]
    public void AnAssetsDownRunStartsOnItsFirstDayAndIsUnknownWhenItReachesBeyondTheExactHistory()
    {
        // Halved on day 31 and after; the earlier days were steady.
        var state = History(Enumerable.Range(0, 32).Select(d => (d, d < 31 ? 100_000m : 40_000m, 0m)));
        Assert.Equal((true, Start(Day0.AddDays(31))), SignalOnsets.AssetsDownSince(state));
        Assert.Equal(Start(Day0.AddDays(31)), SignalOnsets.DisengagedAt(state));

        // Still down 20 days later: the run's start is before the days whose 30-day change the 45 kept days hold in full.
        foreach (var d in Enumerable.Range(32, 20))
        {
            AssetHistory.Add(state, Snapshot(d, 40_000m, 0m));
        }

        Assert.Equal((false, (DateTimeOffset?)null), SignalOnsets.AssetsDownSince(state));
        Assert.Null(SignalOnsets.DisengagedAt(state));
    }

    [Fact]
    public void DisengagementIsTheEarlierOfNoLoginForThirtyDaysAndTheAssetsDownRun()
    {
        var state = History(Enumerable.Range(0, 32).Select(d => (d, d < 31 ? 100_000m : 40_000m, 0m)));
        state.LastLoginAt = Start(Day0.AddDays(-5));
        Assert.Equal(Start(Day0.AddDays(25)), SignalOnsets.DisengagedAt(state));
        state.LastLoginAt = Start(Day0.AddDays(20));
        Assert.Equal(Start(Day0.AddDays(31)), SignalOnsets.DisengagedAt(state));
    }

    [Fact]
    public void ATransferOutIsMeasuredAgainstTheAssetsBeforeIt()
    {
        var state = History([(0, 100_000m, 0m)]);
        state.TransferOutAt = [Start(Day0.AddDays(1)).AddHours(10)];
        state.TransferOutAmounts = [29_999.99m];

        Assert.Equal(29.99999m, SignalOnsets.LastTransferOutPercent(state));
        Assert.Null(SignalOnsets.LastTransferOutPercent(new ClientState { ClientId = "c", TransferOutAt = state.TransferOutAt, TransferOutAmounts = [1m] }));
    }

    private static ClientState History(IEnumerable<(int Day, decimal Total, decimal Cash)> days)
    {
        var state = new ClientState { ClientId = "c" };
        foreach (var (day, total, cash) in days)
        {
            AssetHistory.Add(state, Snapshot(day, total, cash));
        }

        return state;
    }

    private static DailySnapshot Snapshot(int day, decimal total, decimal cash) => new(Day0.AddDays(day), total, cash, Start(Day0.AddDays(day)).AddHours(16));

    private static DateTimeOffset Start(DateOnly day) => ServiceDefaults.Time.ShanghaiTime.StartOf(day);
}
