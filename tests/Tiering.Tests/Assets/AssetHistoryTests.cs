using Platform.Tiering.Assets;

namespace Platform.Tiering.Tests.Assets;

public sealed class AssetHistoryTests
{
    // Monday 2 November 2026 .. Friday 27 November 2026: four trading weeks.
    private static readonly DateOnly Monday = new(2026, 11, 2);
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADayWithoutASnapshotCarriesTheLastKnownTotalForward()
    {
        var history = new AssetHistory();
        history.Record(Snapshot(Monday, 100_000m));

        Assert.Equal(100_000m, history.TotalOn(Monday.AddDays(3)));
        Assert.Equal(0m, history.TotalOn(Monday.AddDays(-1)));
        Assert.Equal(100_000m, history.AverageDailyAssets(Monday.AddDays(25), TradingCalendar.WeekdaysOnly, 20));
    }

    [Fact]
    public void TheWindowCountsTradingDaysOnlyAndDaysBeforeTheFirstFactAsNothing()
    {
        var history = new AssetHistory();
        // Ten trading days at 100,000 (two weeks from Monday 16 November), the ten before them empty.
        history.Record(Snapshot(Monday.AddDays(14), 100_000m));
        // A weekend snapshot changes the carried value from the Monday after it.
        history.Record(Snapshot(Monday.AddDays(19), 200_000m));

        var ada = history.AverageDailyAssets(Monday.AddDays(25), TradingCalendar.WeekdaysOnly, 20);

        // 5 days x 100,000 + 5 days x 200,000 over 20 trading days.
        Assert.Equal(75_000m, ada);
    }

    [Fact]
    public void HolidaysAreNotTradingDays()
    {
        var calendar = new TradingCalendar([Monday.AddDays(21), Monday.AddDays(22)]);
        var days = calendar.LastTradingDays(Monday.AddDays(25), 5);

        // Thursday 19, Friday 20, then Wednesday 25 .. Friday 27: the weekend and the two holidays skipped.
        Assert.Equal([Monday.AddDays(17), Monday.AddDays(18), Monday.AddDays(23), Monday.AddDays(24), Monday.AddDays(25)], days);
    }

    [Fact]
    public void FlowsAfterTheLastSnapshotMoveTheTotalAndCountOncePerEventId()
    {
        var history = new AssetHistory();
        history.Record(Snapshot(Monday, 50_000m));
        var deposit = new AssetFlow(Monday.AddDays(1), 20_000m, Guid.CreateVersion7());
        Assert.True(history.Record(deposit));
        Assert.False(history.Record(deposit));
        history.Record(new AssetFlow(Monday.AddDays(2), -5_000m, Guid.CreateVersion7()));
        history.Record(new AssetFlow(Monday, 999_999m, Guid.CreateVersion7())); // same day as the snapshot: already in it

        Assert.Equal(50_000m, history.TotalOn(Monday));
        Assert.Equal(70_000m, history.TotalOn(Monday.AddDays(1)));
        Assert.Equal(65_000m, history.TotalOn(Monday.AddDays(2)));

        // A snapshot of a later day replaces the flows before it.
        history.Record(Snapshot(Monday.AddDays(3), 80_000m));
        Assert.Equal(80_000m, history.TotalOn(Monday.AddDays(4)));
    }

    [Fact]
    public void ALaterReportOfTheSameDayWinsWhicheverArrivesFirst()
    {
        var early = Snapshot(Monday, 10_000m, Noon);
        var late = Snapshot(Monday, 30_000m, Noon.AddHours(1));
        var inOrder = new AssetHistory();
        inOrder.Record(early);
        inOrder.Record(late);
        var reversed = new AssetHistory();
        reversed.Record(late);

        Assert.False(reversed.Record(early));
        Assert.Equal(30_000m, inOrder.TotalOn(Monday));
        Assert.Equal(30_000m, reversed.TotalOn(Monday));
    }

    [Fact]
    public void WithdrawalsNeverMakeADayNegative()
    {
        var history = new AssetHistory();
        history.Record(new AssetFlow(Monday, -1_000m, Guid.CreateVersion7()));

        Assert.Equal(0m, history.TotalOn(Monday));
    }

    private static AssetSnapshot Snapshot(DateOnly day, decimal total, DateTimeOffset? reportedAt = null) =>
        new(day, total, reportedAt ?? Noon, Guid.CreateVersion7());
}
