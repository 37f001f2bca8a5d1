using Platform.Bench.Common.Delivery;
using Platform.Bench.Common.Measuring;

namespace Platform.Bench.Engagement.Burst;

/// <summary>One burst: what was published, when Engagement had consumed it and when every decision it fired was taken and delivered.</summary>
/// <param name="ConsumedAfter">From the first event published (with the backlog: from when Engagement was continued) to the last one handled by both consumer groups (their inbox rows' time).</param>
/// <param name="SettledAfter">Until every instance fired was decided, its delivery done and the outbox empty (polled every half second).</param>
/// <param name="Published">Records Engagement published on engagement.events meanwhile (StageChanged, OutreachDecided), through its outbox.</param>
/// <param name="ConsumingUsage">CPU over the same span (until the last was seen handled).</param>
/// <param name="DecidingUsage">CPU from then until settled: the priority window's wait and the decisions.</param>
/// <param name="PeakLag">The most events published and not yet handled by the lifecycle group at one poll (with the backlog: the whole burst).</param>
public sealed record BurstResult(
    long Events, IReadOnlyDictionary<string, long> ByType, TimeSpan PublishTook, TimeSpan ConsumedAfter, TimeSpan? SettledAfter, long PeakLag,
    long Instances, IReadOnlyList<(string Decision, string? Reason, long Count)> Outcomes, TimeSpan? DecisionSpan, long Published,
    ResourceUsage? ConsumingUsage, ResourceUsage? DecidingUsage)
{
    /// <summary>The burst's records: each topic's offsets before and after it (the baseline reads the same ones).</summary>
    public required (IReadOnlyList<TopicOffsets> Before, IReadOnlyList<TopicOffsets> After) Records { get; init; }

    /// <summary>Engagement was frozen while the burst was published and timed from when it was continued (--backlog on).</summary>
    public bool Backlog { get; init; }

    /// <summary>From the start of the timing to the first inbox row: with the backlog, the consumers' rejoin after the freeze.</summary>
    public TimeSpan FirstHandledAfter { get; init; }

    public double EventsPerSecond => Events / ConsumedAfter.TotalSeconds;

    public double DecisionsPerSecond => DecisionSpan is { TotalSeconds: > 0 } span ? Decided / span.TotalSeconds : double.NaN;

    public long Decided => Outcomes.Where(o => o.Decision != "pending").Sum(o => o.Count);
}
