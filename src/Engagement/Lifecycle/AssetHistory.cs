namespace Platform.Engagement.Lifecycle;

/// <summary>
/// The bounded history of daily snapshots a client's row keeps (<see cref="ClientState.DailyDates"/> and its parallel
/// arrays): enough days for the 30-day change of total assets, the base of a transfer out, and the idle-cash streak. A
/// day's snapshot replaces an earlier one of the same day; a day older than the kept window before the latest day is
/// dropped, whether it arrives before the latest or after it, so the history is the same in any order.
/// </summary>
public static class AssetHistory
{
    /// <summary>Days kept before the latest snapshot's day: the 30-day change needs 30, the idle-cash streak counts within these.</summary>
    public const int KeptDays = 45;

    /// <summary>The kept days, oldest first.</summary>
    public static IReadOnlyList<DailySnapshot> Of(ClientState state) =>
        Enumerable.Range(0, state.DailyDates.Length)
            .Select(i => new DailySnapshot(state.DailyDates[i], state.DailyTotals[i], state.DailyCash[i], state.DailyTakenAt[i]))
            .ToList();

    /// <summary>Adds a snapshot; the latest day's figures become the client's total assets and cash.</summary>
    public static void Add(ClientState state, DailySnapshot snapshot)
    {
        var days = Of(state).ToDictionary(d => d.Date);
        if (days.TryGetValue(snapshot.Date, out var same) && !snapshot.Replaces(same))
        {
            return;
        }

        days[snapshot.Date] = snapshot;
        var latest = days.Keys.Max();
        var kept = days.Values.Where(d => d.Date.DayNumber >= latest.DayNumber - KeptDays).OrderBy(d => d.Date).ToList();
        state.DailyDates = kept.Select(d => d.Date).ToArray();
        state.DailyTotals = kept.Select(d => d.Total).ToArray();
        state.DailyCash = kept.Select(d => d.Cash).ToArray();
        state.DailyTakenAt = kept.Select(d => d.TakenAt).ToArray();
        var last = kept[^1];
        (state.SnapshotDate, state.TotalAssets, state.Cash) = (last.Date, last.Total, last.Cash);
    }

    /// <summary>
    /// The percent change of total assets from 30 days before the latest snapshot (or the earliest kept day within those 30,
    /// for a client with a shorter history) to the latest (-50: halved); null with one day only or from zero assets.
    /// </summary>
    public static decimal? Change30d(ClientState state)
    {
        var history = Of(state);
        if (history.Count < 2)
        {
            return null;
        }

        return Change30dAt(history, history.Count - 1);
    }

    /// <summary>
    /// <see cref="Change30d"/> as it stood on the kept day <paramref name="day"/> (an index into <paramref name="history"/>):
    /// exact for the days at least 30 days after the earliest kept one (<see cref="ExactFrom"/>).
    /// </summary>
    public static decimal? Change30dAt(IReadOnlyList<DailySnapshot> history, int day)
    {
        var latest = history[day];
        var from = history.First(d => d.Date.DayNumber >= latest.Date.DayNumber - LifecycleStages.Window.Days);
        return from.Date == latest.Date || from.Total <= 0 ? null : decimal.Round((latest.Total - from.Total) / from.Total * 100m, 4);
    }

    /// <summary>The earliest day whose 30-day change the kept history still holds in full: 30 days after the kept window's start.</summary>
    public static DateOnly ExactFrom(DateOnly latest) => latest.AddDays(LifecycleStages.Window.Days - KeptDays);

    /// <summary>Consecutive snapshot days (trading days), back from the latest, with cash at or above <paramref name="threshold"/>.</summary>
    public static int IdleCashDays(ClientState state, decimal threshold)
    {
        var days = 0;
        for (var i = state.DailyCash.Length - 1; i >= 0 && state.DailyCash[i] >= threshold; i--)
        {
            days++;
        }

        return days;
    }

    /// <summary>
    /// The client's total assets just before a transfer out on <paramref name="day"/>: the latest snapshot of an earlier day,
    /// or else that day's own snapshot plus the amount (taken after the transfer); null when neither is kept.
    /// </summary>
    public static decimal? AssetsBefore(ClientState state, DateOnly day, decimal amount)
    {
        var before = Array.FindLastIndex(state.DailyDates, d => d < day);
        if (before >= 0)
        {
            return state.DailyTotals[before];
        }

        var sameDay = Array.IndexOf(state.DailyDates, day);
        return sameDay >= 0 ? state.DailyTotals[sameDay] + amount : null;
    }
}
