namespace Platform.Tiering.Assets;

/// <summary>A client's end-of-day total assets as a core system reported it.</summary>
public readonly record struct AssetSnapshot(DateOnly Day, decimal TotalAssets, DateTimeOffset ReportedAt, Guid EventId);

/// <summary>Money moved in (positive) or out (negative) on a day, between snapshots.</summary>
public readonly record struct AssetFlow(DateOnly Day, decimal Amount, Guid EventId);

/// <summary>
/// What is known of one client's assets, and its average daily assets (ADA). A value is a
/// function of the set of facts, never of their arrival order: one snapshot per day (a later
/// report of the same day replaces an earlier one, ties broken by event id), flows counted once
/// per event id. A day's total is its snapshot, or else the last earlier snapshot carried forward
/// plus the flows since (never below zero); before the first fact a client had nothing.
/// </summary>
public sealed class AssetHistory
{
    // By day; stored facts are read in day order, which a sorted list takes as appends.
    private readonly SortedList<DateOnly, AssetSnapshot> snapshots = [];
    private readonly Dictionary<Guid, AssetFlow> flows = [];
    private AssetFlow[]? flowsByDay;

    public IEnumerable<AssetSnapshot> Snapshots => snapshots.Values;

    public IEnumerable<AssetFlow> Flows => flows.Values;

    /// <summary>Keeps the snapshot unless the day already has a later report; true when it changed what is known.</summary>
    public bool Record(AssetSnapshot snapshot)
    {
        if (snapshots.TryGetValue(snapshot.Day, out var known) && !IsLater(snapshot, known))
        {
            return false;
        }

        snapshots[snapshot.Day] = snapshot;
        return true;
    }

    /// <summary>Keeps the flow once per event id; true when it is new.</summary>
    public bool Record(AssetFlow flow)
    {
        if (!flows.TryAdd(flow.EventId, flow))
        {
            return false;
        }

        flowsByDay = null;
        return true;
    }

    /// <summary>Total assets at the end of <paramref name="day"/>.</summary>
    public decimal TotalOn(DateOnly day)
    {
        Span<decimal> total = stackalloc decimal[1];
        TotalsOn([day], total);
        return total[0];
    }

    /// <summary>The mean of the totals of the last <paramref name="windowDays"/> trading days up to <paramref name="asOf"/>.</summary>
    public decimal AverageDailyAssets(DateOnly asOf, TradingCalendar calendar, int windowDays)
    {
        var days = calendar.LastTradingDays(asOf, windowDays);
        if (days.Count == 0)
        {
            return 0m;
        }

        Span<decimal> totals = days.Count <= 256 ? stackalloc decimal[days.Count] : new decimal[days.Count];
        TotalsOn(days, totals);
        var sum = 0m;
        foreach (var total in totals)
        {
            sum += total;
        }

        return Math.Round(sum / days.Count, 2, MidpointRounding.ToEven);
    }

    /// <summary>
    /// The totals at the end of each of <paramref name="days"/> (ascending), in one pass over the
    /// snapshots and the flows by day: the sweep computes a window for a million clients, and a
    /// walk from the first fact for every day of every window was most of its rules' time.
    /// </summary>
    private void TotalsOn(IReadOnlyList<DateOnly> days, Span<decimal> totals)
    {
        var byDay = flowsByDay ??= flows.Count == 0 ? [] : [.. flows.Values.OrderBy(f => f.Day)];
        var (keys, values) = (snapshots.Keys, snapshots.Values);
        var (last, flowsFrom, flowsTo) = (-1, 0, 0);
        for (var d = 0; d < days.Count; d++)
        {
            var day = days[d];
            while (last + 1 < keys.Count && keys[last + 1] <= day)
            {
                last++;
            }

            // Flows count from the day after the snapshot carried forward (it already holds those of its own day).
            var since = last >= 0 ? keys[last] : DateOnly.MinValue;
            while (flowsFrom < byDay.Length && byDay[flowsFrom].Day <= since)
            {
                flowsFrom++;
            }

            flowsTo = Math.Max(flowsTo, flowsFrom);
            while (flowsTo < byDay.Length && byDay[flowsTo].Day <= day)
            {
                flowsTo++;
            }

            var total = last >= 0 ? values[last].TotalAssets : 0m;
            for (var f = flowsFrom; f < flowsTo; f++)
            {
                total += byDay[f].Amount;
            }

            // Withdrawals reported before the deposits they drew on must not make a day negative.
            totals[d] = Math.Max(0m, total);
        }
    }

    private static bool IsLater(AssetSnapshot candidate, AssetSnapshot known) =>
        candidate.ReportedAt != known.ReportedAt ? candidate.ReportedAt > known.ReportedAt : candidate.EventId.CompareTo(known.EventId) > 0;
}
