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
    private readonly SortedDictionary<DateOnly, AssetSnapshot> snapshots = [];
    private readonly Dictionary<Guid, AssetFlow> flows = [];

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
    public bool Record(AssetFlow flow) => flows.TryAdd(flow.EventId, flow);

    /// <summary>Total assets at the end of <paramref name="day"/>.</summary>
    public decimal TotalOn(DateOnly day)
    {
        AssetSnapshot? last = null;
        foreach (var snapshot in snapshots.Values)
        {
            if (snapshot.Day > day)
            {
                break;
            }

            last = snapshot;
        }

        var since = last?.Day ?? DateOnly.MinValue;
        var total = (last?.TotalAssets ?? 0m) + flows.Values.Where(f => f.Day > since && f.Day <= day).Sum(f => f.Amount);
        // Withdrawals reported before the deposits they drew on must not make a day negative.
        return Math.Max(0m, total);
    }

    /// <summary>The mean of the totals of the last <paramref name="windowDays"/> trading days up to <paramref name="asOf"/>.</summary>
    public decimal AverageDailyAssets(DateOnly asOf, TradingCalendar calendar, int windowDays)
    {
        var days = calendar.LastTradingDays(asOf, windowDays);
        return days.Count == 0 ? 0m : Math.Round(days.Sum(TotalOn) / days.Count, 2, MidpointRounding.ToEven);
    }

    private static bool IsLater(AssetSnapshot candidate, AssetSnapshot known) =>
        candidate.ReportedAt != known.ReportedAt ? candidate.ReportedAt > known.ReportedAt : candidate.EventId.CompareTo(known.EventId) > 0;
}
