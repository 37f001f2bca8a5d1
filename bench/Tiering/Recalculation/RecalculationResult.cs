using Platform.Bench.Common.Measuring;
using Platform.Bench.Tiering.Seeding;

namespace Platform.Bench.Tiering.Recalculation;

/// <summary>
/// One recalculation of every seeded client by Tiering's sweep: from the trigger until no client
/// is due (<see cref="Elapsed"/>), what the processes used meanwhile, what it wrote, and how long
/// its events took to leave the outbox afterwards.
/// </summary>
public sealed record RecalculationResult(
    Trigger Trigger,
    SeedResult Expected,
    TimeSpan TriggerTook,
    TimeSpan Elapsed,
    ResourceUsage? Usage,
    long HistoryRows,
    long OutboxBacklogAtEnd,
    TimeSpan? OutboxDrainedAfter,
    long EventsPublished,
    long EventsDroppedByRetention,
    IReadOnlyDictionary<string, long> EventsByType)
{
    public double ClientsPerSecond => Expected.Clients / Elapsed.TotalSeconds;

    /// <summary>The sweep wrote exactly the changes, and published exactly the events by type, the domain code expects of these clients.</summary>
    public bool Matches => HistoryRows == Expected.ExpectedChanges && EventsDroppedByRetention == 0
        && EventsByType.Count == Expected.ExpectedEvents.Count && Expected.ExpectedEvents.All(e => EventsByType.GetValueOrDefault(e.Key) == e.Value);
}
