using Platform.Content.Audience;
using Platform.Content.Catalog;
using Platform.Content.Experiments;
using Platform.Content.Targeting;
using Platform.Content.Templates;

namespace Platform.Content.Selection;

/// <summary>
/// The whole catalogue as one immutable value, held in memory by every replica: a feed is worked
/// out from it and the client's profile alone. <see cref="Version"/> grows with every saved item,
/// segment or experiment (their versions only ever grow, and rows are never deleted).
/// </summary>
public sealed class CatalogSnapshot
{
    private CatalogSnapshot(long version, IReadOnlyList<ServableItem> items, IReadOnlyList<Experiment> runningExperiments, IReadOnlyList<Experiment> stoppedExperiments) =>
        (Version, Items, RunningExperiments, StoppedExperiments) = (version, items, runningExperiments, stoppedExperiments);

    public long Version { get; }

    /// <summary>
    /// Highest priority first, then by id, so that equal priorities always rank the same way. Every arm of a running
    /// experiment ranks at its control's place (its priority, then its id): a client sees its variant where another sees
    /// theirs, so a feed's limit cuts every arm or none and no arm sits lower than another in every feed.
    /// </summary>
    public IReadOnlyList<ServableItem> Items { get; }

    /// <summary>The experiments that gate their items and count exposures.</summary>
    public IReadOnlyList<Experiment> RunningExperiments { get; }

    /// <summary>
    /// The experiments that ran and were stopped, oldest change first: each serves its control alone and hides its other
    /// arms. A draft (saved stopped, never run) is in neither list: it gates nothing until it starts.
    /// </summary>
    public IReadOnlyList<Experiment> StoppedExperiments { get; }

    public static CatalogSnapshot Build(IEnumerable<CatalogItem> items, IEnumerable<Segment> segments, IEnumerable<Experiment>? experiments = null)
    {
        var experimentList = experiments?.ToList() ?? [];
        var segmentList = segments.ToList();
        // Saved segments were parsed when saved; one that no longer parses (a vocabulary change) matches nobody.
        var parsed = segmentList.ToDictionary(s => s.Key, s => ServableItem.TryParseSegment(s.Expression), StringComparer.Ordinal);
        var itemList = items.ToList();
        var slots = ArmSlots(itemList, experimentList);
        var servable = itemList
            .Select(i => (Item: i, Slot: slots.GetValueOrDefault(i.ItemId) ?? i))
            .OrderByDescending(r => r.Slot.Priority).ThenBy(r => r.Slot.ItemId, StringComparer.Ordinal).ThenBy(r => r.Item.ItemId, StringComparer.Ordinal)
            .Select(r => r.Item)
            .Select(i => ServableItem.TryCreate(i, i.Segment is { } key ? parsed.GetValueOrDefault(key) : null))
            .OfType<ServableItem>()
            .ToList();
        var version = itemList.Sum(i => (long)i.Version) + segmentList.Sum(s => (long)s.Version) + experimentList.Sum(e => (long)e.Version);
        return new CatalogSnapshot(version, servable, [.. experimentList.Where(e => e.Status == ExperimentStatus.Running)],
            [.. experimentList.Where(e => e.Status == ExperimentStatus.Stopped && e.StoppedAt is not null)
                .OrderBy(e => e.UpdatedAt).ThenBy(e => e.Key, StringComparer.Ordinal)]);
    }

    /// <summary>For each arm of a running experiment, the item whose place it ranks at: its control.</summary>
    private static Dictionary<string, CatalogItem> ArmSlots(List<CatalogItem> items, List<Experiment> experiments)
    {
        var byId = items.ToDictionary(i => i.ItemId, StringComparer.Ordinal);
        var slots = new Dictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var experiment in experiments.Where(e => e.Status == ExperimentStatus.Running))
        {
            if (!byId.TryGetValue(experiment.Variants[0].ItemId, out var control))
            {
                continue; // items are never deleted; a control missing from the load ranks nothing
            }

            foreach (var arm in experiment.Variants)
            {
                // An item serves one running experiment (checked under its lock); TryAdd keeps a load from failing if not.
                slots.TryAdd(arm.ItemId, control);
            }
        }

        return slots;
    }

    /// <summary>The next instant an item becomes valid or stops being valid after <paramref name="now"/>: a feed worked out now holds until then.</summary>
    public DateTimeOffset? NextValidityChange(DateTimeOffset now) =>
        Items.SelectMany(i => new[] { i.Item.ValidFrom, i.Item.ValidTo }).Where(t => t > now).Min();
}
