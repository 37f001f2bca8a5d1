using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Lifecycle;

/// <summary>
/// When the signals of DOMAIN.md's M09, M16 and M17 began, as the client facts a rule's schedule is anchored on or a condition
/// compares: a moment that must fire once per run ("idle cash for 5 days", "no login for 30 days, or assets down by half")
/// needs the start of the run, which is the same on every event of the run and different for the next one. Worked out from
/// the state alone (never from the clock), so the value a timer was anchored on can be compared with the value at its due time.
/// A run whose start may have left the kept history (<see cref="AssetHistory.KeptDays"/>) has no start: it began long ago and
/// its moment has fired; a start that moved every day would fire it again.
/// </summary>
public static class SignalOnsets
{
    /// <summary>
    /// 00:00 Asia/Shanghai of the first trading day of the current run of days with cash at or above <paramref name="threshold"/>
    /// (<see cref="AssetHistory.IdleCashDays"/>); null without a run, or for a run longer than <see cref="LifecycleStages.Window"/>.
    /// </summary>
    public static DateTimeOffset? IdleCashSince(ClientState state, decimal threshold)
    {
        var days = AssetHistory.IdleCashDays(state, threshold);
        if (days == 0)
        {
            return null;
        }

        var first = state.DailyDates[^days];
        return state.DailyDates[^1].DayNumber - first.DayNumber > LifecycleStages.Window.Days ? null : ShanghaiTime.StartOf(first);
    }

    /// <summary>
    /// 00:00 Asia/Shanghai of the first day of the current run of days whose total assets were down by
    /// <see cref="ChurnSignal.AssetsDropPercent"/> or more over 30 days (the latest day included); <c>Known</c> is false when the
    /// run reaches back past the days whose change the kept history holds in full, <c>Since</c> null when there is no run.
    /// </summary>
    public static (bool Known, DateTimeOffset? Since) AssetsDownSince(ClientState state)
    {
        var history = AssetHistory.Of(state);
        if (history.Count == 0)
        {
            return (true, null);
        }

        var exactFrom = AssetHistory.ExactFrom(history[^1].Date);
        DateOnly? first = null;
        for (var i = history.Count - 1; i >= 0 && AssetHistory.Change30dAt(history, i) <= ChurnSignal.AssetsDropPercent; i--)
        {
            if (history[i].Date < exactFrom)
            {
                return (false, null);
            }

            first = history[i].Date;
        }

        return (true, first is { } day ? ShanghaiTime.StartOf(day) : null);
    }

    /// <summary>
    /// When M16's signal (no login for 30 days, or total assets down by half or more over 30 days) began, or will begin if
    /// nothing changes: the earlier of 30 days after the last login (or approval) and the start of the current assets-down run.
    /// Null when neither is known, or when the assets-down run began too long ago to tell (its moment has fired).
    /// </summary>
    public static DateTimeOffset? DisengagedAt(ClientState state)
    {
        var (known, assetsDown) = AssetsDownSince(state);
        if (!known)
        {
            return null;
        }

        var noLogin = ChurnSignal.NoLoginSince(state) + LifecycleStages.Window;
        return (noLogin, assetsDown) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            _ => noLogin ?? assetsDown,
        };
    }

    /// <summary>
    /// The percent of the assets just before it (<see cref="AssetHistory.AssetsBefore"/>) that the latest kept transfer out
    /// moved (30 = 30%); null without a transfer out or without a snapshot to measure it against.
    /// </summary>
    public static decimal? LastTransferOutPercent(ClientState state)
    {
        if (state.TransferOutAt.Length == 0)
        {
            return null;
        }

        var (at, amount) = (state.TransferOutAt[^1], state.TransferOutAmounts[^1]);
        // Not rounded: 29.99999% must stay below a threshold of 30.
        return AssetHistory.AssetsBefore(state, TradingDay.Of(at), amount) is { } before && before > 0 ? amount / before * 100m : null;
    }
}
