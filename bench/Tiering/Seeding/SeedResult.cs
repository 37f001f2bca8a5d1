using Platform.Tiering.Tiers;

namespace Platform.Bench.Tiering.Seeding;

/// <summary>What one seeding wrote, and what the sweep's recalculation of those clients must produce (by the domain code).</summary>
public sealed class SeedResult(string prefix, int clients, int days)
{
    private readonly long[] before = new long[TierCatalog.All.Count];
    private readonly long[] after = new long[TierCatalog.All.Count];
    private readonly SortedDictionary<string, long> expectedEvents = new(StringComparer.Ordinal);

    public string Prefix { get; } = prefix;

    public int Clients { get; } = clients;

    public long Snapshots => (long)Clients * days;

    public TimeSpan Elapsed { get; set; }

    /// <summary>Clients who moved money in on the last snapshot day (<see cref="AssetModel.MoverShare"/>).</summary>
    public long Movers { get; private set; }

    /// <summary>Tier changes the recalculation must make: one tier_history row and one TierChanged each.</summary>
    public long ExpectedChanges { get; private set; }

    /// <summary>Events the recalculation must publish on tiering.events, by type.</summary>
    public IReadOnlyDictionary<string, long> ExpectedEvents => expectedEvents;

    public long ExpectedEventCount => expectedEvents.Values.Sum();

    public IReadOnlyList<long> TiersBefore => before;

    public IReadOnlyList<long> TiersAfter => after;

    public void Add(Tier tierBefore, bool moved, IReadOnlyList<TierOutcome> outcomes, Tier tierAfter)
    {
        before[(int)tierBefore]++;
        after[(int)tierAfter]++;
        Movers += moved ? 1 : 0;
        foreach (var outcome in outcomes)
        {
            ExpectedChanges += outcome is TierChanged ? 1 : 0;
            var type = outcome.GetType().Name;
            expectedEvents[type] = expectedEvents.GetValueOrDefault(type) + 1;
        }
    }
}
