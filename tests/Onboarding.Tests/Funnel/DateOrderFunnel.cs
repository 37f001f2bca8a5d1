using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// DOMAIN.md section 1 and the README's funnel rules for facts taken in date order, written out independently of
/// <see cref="ClientFunnel"/>: the oracle of <see cref="FunnelOrderPropertyTests"/>. In date order nothing is late and no
/// rejection is answered before it is known, so the rules are short. Arrival shows only in what
/// <see cref="FunnelOrderPropertyTests"/> states as such: which report of a step reaches or redoes it (the first to arrive).
/// </summary>
internal sealed class DateOrderFunnel
{
    private static readonly FunnelDefinition Standard = FunnelDefinition.Standard;

    public FunnelStatus Status { get; private set; } = FunnelStatus.InProgress;

    public FunnelStep Current { get; private set; } = FunnelStep.Registered;

    public bool InRework { get; private set; }

    public string? Level { get; private set; }

    public DateTimeOffset? LevelAt { get; private set; }

    public SortedSet<FunnelStep> Reached { get; } = [];

    public DateTimeOffset LastActivityAt { get; private set; } = DateTimeOffset.MinValue;

    public DateTimeOffset? ApprovedAt { get; private set; }

    public int Rejections { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    /// <summary>The facts that were progress (a step reached, a step further along), by id.</summary>
    public HashSet<int> Progressed { get; } = [];

    /// <summary>The facts that published a new level without being progress, by id.</summary>
    public HashSet<int> Reassessed { get; } = [];

    /// <summary>Applies the facts in date order.</summary>
    /// <param name="reaches">Whether a fact is the report of its step that reaches it (the first of that step to arrive).</param>
    /// <param name="redoes">Whether a fact is the report of its step that redoes it after a rejection (the first of that step
    /// dated after the rejection to arrive after it).</param>
    public static DateOrderFunnel Of(IEnumerable<(OrderFact Fact, DateTimeOffset At)> facts, Func<OrderFact, bool> reaches,
        Func<OrderFact, OrderFact, bool> redoes)
    {
        var funnel = new DateOrderFunnel();
        foreach (var (fact, at) in facts.OrderBy(f => f.At))
        {
            funnel.Apply(fact, at, reaches(fact), funnel.rejection is { } rejection && redoes(fact, rejection));
        }

        return funnel;
    }

    private OrderFact? rejection;

    private void Apply(OrderFact fact, DateTimeOffset at, bool reaches, bool redoes)
    {
        if (fact.Step == FunnelStep.Rejected)
        {
            Reject(fact, at);
            return;
        }

        var newLevel = fact.Level is not null && fact.Level != Level;
        if (fact.Level is not null)
        {
            (Level, LevelAt) = (fact.Level, at);
        }

        var (position, current) = (Standard.PositionOf(fact.Step), Standard.PositionOf(Current));
        // After a rejection, the named step counts again until the client redoes something.
        var furthest = position > current || (InRework && position == current && Status == FunnelStatus.Rejected);
        // A step already reached by a report that arrived first counts again only as rework after a rejection.
        if (!reaches && !(furthest && InRework && redoes))
        {
            if (newLevel)
            {
                Reassessed.Add(fact.Id); // a new level travels with the events, but the client did nothing
            }

            return;
        }

        Reached.Add(fact.Step);
        LastActivityAt = at;
        Progressed.Add(fact.Id);
        if (fact.Step == FunnelStep.Approved)
        {
            ApprovedAt = at;
        }

        if (furthest)
        {
            Current = fact.Step;
            InRework &= Current is not (FunnelStep.Submitted or FunnelStep.Approved);
            Status = Current switch
            {
                FunnelStep.Approved => FunnelStatus.Approved,
                FunnelStep.Submitted => FunnelStatus.Submitted,
                _ => FunnelStatus.InProgress,
            };
        }
    }

    private void Reject(OrderFact fact, DateTimeOffset at)
    {
        if (ApprovedAt is not null)
        {
            return; // a mistake: an opened account is never reopened
        }

        Rejections++;
        RejectedAt = at;
        rejection = fact;
        LastActivityAt = at;
        Status = FunnelStatus.Rejected;
        Current = fact.BackTo ?? FunnelStep.Submitted;
        InRework = true;
        Progressed.Add(fact.Id);
    }
}
