using CsCheck;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Stalls;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// Issue 10 item 1, "decide by the facts, not by arrival", over random applications of one client
/// (<see cref="OrderScenario"/>) in random arrival orders, replayed through the step path's decide phase
/// (<see cref="FunnelStore.Decide"/>), the timers it plans (<see cref="TimerScheduler.Plan"/>) and what the timer worker
/// and the deposit handler do. The expected state, events, published steps and timers come from the facts taken in date
/// order (<see cref="DateOrderFunnel"/>), never from <see cref="ClientFunnel"/>.
/// The dates are those the service stores: a client clock's skew, clamped to the service's clock at receipt as
/// FunnelGrpcService does (so a fact that arrives late may keep a skewed date after a system fact that followed it).
/// What arrival order may still change, on purpose, and is written out as such:
/// - a step is reached by its first report to arrive, and redone after a rejection by the first report dated after the
///   rejection to arrive after it;
/// - each report is judged by the facts known when it arrives, in date order: one that was progress then is published,
///   and its date is the client's activity, even if a report arriving later makes it redundant in date order (a rework
///   arriving before the older second tap that, dated after the rejection, is the resubmission);
/// - an assessment older than one that arrived before it changes and publishes nothing;
/// - a report of a step already reached that arrives while the application is not in rework changes nothing: a
///   submission (a second tap, or a resubmission sent before the rejection it answers reached this service) cannot be
///   told from a second tap, so the rejection dated before it still reopens the application (review 3 finding 1's
///   trade-off), and a rework report arriving after the resubmission is not published;
/// - a rejection publishes (StepRecorded, ApplicationRejected with the count so far) only if it reopens when it arrives:
///   not when a newer rejection, the approval or a submission dated after it arrived first (no outreach for a rejection
///   already answered);
/// - the count of rejections: one older than the latest rejection, arriving after it, is not counted (see
///   <see cref="ExpectedRejections"/>).
/// What the generator keeps causal, since real senders do: a repeat arrives after its original; rework and a resubmission
/// arrive after the rejection they answer (the app learns of it from this service), and a rejection of a resubmission after
/// it; the client app's assessment before the core system's levels; the stall timer runs once everything arrived (late
/// steps around a running stall are ClientFunnelTests' and StallTimerTests').
/// </summary>
public sealed class FunnelOrderPropertyTests
{
    private static readonly FunnelDefinition Standard = FunnelDefinition.Standard;
    private static readonly DateTimeOffset T0 = OrderScenario.T0;

    private static readonly Gen<OrderScenario> Scenarios = Gen.Int[0, 15].Array[64].Select(tape => new OrderScenario(tape));

    [Fact]
    public void TheSameFactsEndInTheSameStateWhateverTheirArrivalOrder()
    {
        Scenarios.Sample(scenario =>
        {
            foreach (var seed in new int?[] { null, 1, 2, 3, 4 })
            {
                var arrivals = Arrivals(scenario, seed is { } s ? new Random((s * 7919) + scenario.Facts.Count) : null);
                var replayed = Replay(arrivals);
                var expected = Expected(scenario, arrivals);
                Assert.True(expected == replayed, $"arrivals {string.Join(", ", arrivals.Select(Describe))}\nexpected {expected}\nactual   {replayed}");
            }
        }, iter: 3_000, print: s => s.ToString());
    }

    /// <summary>
    /// An arrival order that keeps the generator's causal constraints: in date order when <paramref name="random"/> is null,
    /// otherwise random; the deposit anywhere, the stall timer last. Each client fact's date is clamped as the service does.
    /// </summary>
    private static List<Arrival> Arrivals(OrderScenario scenario, Random? random)
    {
        var waiting = scenario.Facts.ToList();
        var arrived = new HashSet<int>();
        var list = new List<Arrival>();
        var clock = DateTimeOffset.MinValue;
        while (waiting.Count > 0)
        {
            var ready = waiting.Where(f => f.After.All(arrived.Contains)).OrderBy(f => f.At).ThenBy(f => f.Id).ToList();
            var fact = random is null ? ready[0] : ready[random.Next(ready.Count)];
            waiting.Remove(fact);
            arrived.Add(fact.Id);
            // The service's clock runs past the newest fact received; a date ahead of it is taken as now.
            clock = fact.At.AddSeconds(10) > clock ? fact.At.AddSeconds(10) : clock;
            var at = fact.At + fact.Skew > clock ? clock : fact.At + fact.Skew;
            list.Add(new Arrival.Step(fact, new StepReport(Guid.CreateVersion7(), fact.Step, at, "short_video", "double11", "ios", 1, fact.Level, BackToStep: fact.BackTo)));
        }

        if (scenario.DepositAt is { } depositAt)
        {
            list.Insert(random?.Next(list.Count + 1) ?? list.Count, new Arrival.Deposit(depositAt));
        }

        if (scenario.Stalls)
        {
            list.Add(new Arrival.StallTimer(scenario.Newest + Standard.StallAfter[0] + TimeSpan.FromMinutes(1)));
        }

        return list;
    }

    /// <summary>What the step path, the deposit handler and the timer worker do with each arrival, in memory.</summary>
    private static Outcome Replay(IReadOnlyList<Arrival> arrivals)
    {
        ClientFunnel? funnel = null;
        var earlyDeposits = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var timers = new Dictionary<TimerKind, FunnelTimer>();
        var milestones = new List<string>();
        var stepsRecorded = new List<string>();
        foreach (var arrival in arrivals)
        {
            switch (arrival)
            {
                case Arrival.Step(_, var report):
                    var isNew = funnel is null;
                    funnel ??= ClientFunnel.Start("c-1", Standard, report);
                    var decisions = new StepBatchDecisions(report.OccurredAt, new Dictionary<string, int>());
                    FunnelStore.Decide(decisions, funnel, isNew, Standard, Standard, report, earlyDeposits, trace: null);
                    Apply(timers, TimerScheduler.Plan([.. decisions.Changed.Values]));
                    foreach (var envelope in decisions.Published)
                    {
                        if (envelope.EventType == nameof(StepRecorded))
                        {
                            stepsRecorded.Add(StepRecorded.Parser.ParseFrom(envelope.Payload).Step);
                        }
                        else
                        {
                            milestones.Add(envelope.EventType == nameof(ApplicationRejected)
                                ? $"{envelope.EventType} {ApplicationRejected.Parser.ParseFrom(envelope.Payload).Resubmissions}"
                                : envelope.EventType);
                        }
                    }

                    break;
                case Arrival.Deposit(var at):
                    if (funnel?.ApprovedAt is null)
                    {
                        earlyDeposits["c-1"] = at;
                    }
                    else if (funnel.MarkFunded(at))
                    {
                        timers.Remove(TimerKind.Dormant);
                        milestones.Add(nameof(AccountFunded));
                    }

                    break;
                case Arrival.StallTimer(var now) when funnel is not null:
                    // TimerWorker: a due timer fires once; a stale one (the client moved on) goes without an event.
                    if (timers.Remove(TimerKind.Stall, out var timer) && timer.DueAt <= now)
                    {
                        if (funnel.CanStall && funnel.LastActivityAt == timer.EpisodeStartedAt)
                        {
                            funnel.MarkStalled(timer.Level);
                            milestones.Add($"{nameof(ProspectStalled)} {timer.Level}");
                            if (TimerScheduler.NextStall(funnel, Standard, timer.Level) is { } next)
                            {
                                timers[TimerKind.Stall] = next;
                            }
                        }
                    }
                    else if (timer is not null)
                    {
                        timers[TimerKind.Stall] = timer;
                    }

                    break;
            }
        }

        var f = funnel!;
        var state = new FinalState(f.Status, f.CurrentStep, f.InRework, f.RiskLevel, f.RiskAssessedAt, f.StallLevel, f.StalledSince, f.LastActivityAt,
            f.ApprovedAt, f.FundedAt, f.Resubmissions, f.RejectedAt, string.Join(",", f.Reached.Select(r => r.Step).Order()));
        return new Outcome(state, string.Join(", ", milestones.Order()), string.Join(", ", stepsRecorded.Order()),
            string.Join(", ", timers.Values.OrderBy(t => t.Kind).Select(Describe)));
    }

    /// <summary>The facts in date order (<see cref="DateOrderFunnel"/>), with the arrival-order rules of the summary written out.</summary>
    private static Outcome Expected(OrderScenario scenario, IReadOnlyList<Arrival> arrivals)
    {
        var steps = arrivals.OfType<Arrival.Step>().ToList();
        var at = steps.ToDictionary(a => a.Fact.Id, a => a.Report.OccurredAt);
        var order = steps.Select((a, i) => (a.Fact.Id, i)).ToDictionary(x => x.Id, x => x.i);
        bool ArrivedBefore(OrderFact a, OrderFact b) => order[a.Id] < order[b.Id];

        // A step is reached by its first report to arrive, and redone by the first dated after the rejection to arrive after it.
        var first = steps.GroupBy(a => a.Fact.Step).ToDictionary(g => g.Key, g => g.First().Fact.Id);
        bool Reaches(OrderFact fact) => first[fact.Step] == fact.Id;
        // (Which submission resubmits is decided as it arrives, below: one kept is a resubmission wherever it falls.)
        bool Redoes(OrderFact fact, OrderFact rejection) => fact.Step == FunnelStep.Submitted ||
            steps.FirstOrDefault(a => a.Fact.Step == fact.Step && ArrivedBefore(rejection, a.Fact) && a.Report.OccurredAt > at[rejection.Id])?.Fact == fact;

        // An assessment older than one that arrived before it changes nothing; a report of a step already reached that arrives
        // while the application is not in rework (or is dated before the rejection) changes nothing. Each other fact is judged by the facts known when it arrives, in date order: what
        // was progress then is published and is the client's activity, whatever arrives after it.
        var kept = new List<OrderFact>();
        var published = new List<string>();
        var activity = new List<DateTimeOffset>();
        DateOrderFunnel Known() => DateOrderFunnel.Of(kept.Select(k => (k, at[k.Id])), Reaches, Redoes);
        foreach (var fact in steps.Select(a => a.Fact))
        {
            var stale = fact.Level is not null && kept.Any(k => k.Level is not null && k.At > fact.At);
            if (stale || (fact.Level is null && fact.Step != FunnelStep.Rejected && !Reaches(fact) && Known() is var before
                && !(before.InRework && at[fact.Id] >= before.RejectedAt)))
            {
                continue;
            }

            kept.Add(fact);
            var known = Known();
            if (fact.Step != FunnelStep.Rejected && (known.Progressed.Contains(fact.Id) || known.Reassessed.Contains(fact.Id)))
            {
                published.Add(fact.Step.ToWireName());
                activity.AddRange(known.Progressed.Contains(fact.Id) ? [at[fact.Id]] : []);
            }
        }

        var reference = Known();
        var rejections = kept.Where(k => k.Step == FunnelStep.Rejected).ToList();
        // A rejection reopens, and publishes, only if nothing that overrules or answers it arrived first.
        bool Reopens(OrderFact r) =>
            !kept.Any(k => ArrivedBefore(k, r) && ((k.Step == FunnelStep.Rejected && k.At > r.At) || k.Step == FunnelStep.Approved
                || (k.Step == FunnelStep.Submitted && at[k.Id] > at[r.Id])));
        // Counted when it arrives, unless a rejection as new arrived first.
        bool Counted(OrderFact r) => !rejections.Any(k => ArrivedBefore(k, r) && k.At >= r.At);

        var milestones = new List<string>();
        foreach (var r in rejections.Where(Reopens))
        {
            published.Add(FunnelStep.Rejected.ToWireName());
            activity.Add(at[r.Id]);
            milestones.Add($"{nameof(ApplicationRejected)} {rejections.Count(k => Counted(k) && (k == r || ArrivedBefore(k, r)))}");
        }

        var status = reference.ApprovedAt is null ? reference.Status : scenario.DepositAt is null ? FunnelStatus.Approved : FunnelStatus.Funded;
        if (reference.ApprovedAt is not null)
        {
            milestones.Add(nameof(AccountApproved));
        }

        if (status == FunnelStatus.Funded)
        {
            milestones.Add(nameof(AccountFunded));
        }

        var canStall = status is FunnelStatus.InProgress or FunnelStatus.Rejected;
        var stalled = canStall && scenario.Stalls;
        if (stalled)
        {
            milestones.Add($"{nameof(ProspectStalled)} 1");
        }

        var last = activity.Max();
        var timers = new List<FunnelTimer>();
        if (canStall)
        {
            var level = stalled ? 2 : 1;
            timers.Add(new FunnelTimer { ClientId = "c-1", Kind = TimerKind.Stall, Level = level, DueAt = last + Standard.StallAfter[level - 1], EpisodeStartedAt = last });
        }

        if (status == FunnelStatus.Approved && reference.ApprovedAt is { } approvedAt)
        {
            timers.Add(new FunnelTimer { ClientId = "c-1", Kind = TimerKind.Dormant, Level = 1, DueAt = approvedAt + Standard.DormantAfter, EpisodeStartedAt = approvedAt });
        }

        var state = new FinalState(
            stalled ? FunnelStatus.Stalled : status, reference.Current, reference.InRework, reference.Level, reference.LevelAt,
            stalled ? 1 : 0, stalled ? last : null, last, reference.ApprovedAt, status == FunnelStatus.Funded ? scenario.DepositAt : null,
            ExpectedRejections(rejections, Counted), reference.RejectedAt, string.Join(",", reference.Reached));
        return new Outcome(state, string.Join(", ", milestones.Order()), string.Join(", ", published.Order()), string.Join(", ", timers.Select(Describe)));
    }

    /// <summary>
    /// How many rejections the application had: a known limit. The funnel holds only the latest rejection's date, so a
    /// rejection older than it that arrives after it cannot be told from one already counted and reported again with a new
    /// event id: it is not counted. Two rejections arriving newest first (no resubmission between them, so nothing orders
    /// their arrival) count one, not two as in date order; exact counts need the rejections' dates kept (a history the
    /// funnel row does not hold).
    /// </summary>
    private static int ExpectedRejections(List<OrderFact> rejections, Func<OrderFact, bool> counted) => rejections.Count(counted);

    private static void Apply(Dictionary<TimerKind, FunnelTimer> timers, TimerPlan plan)
    {
        if (plan.StallsReplaced.Count > 0)
        {
            timers.Remove(TimerKind.Stall);
        }

        if (plan.DormantReplaced.Count > 0)
        {
            timers.Remove(TimerKind.Dormant);
        }

        foreach (var timer in plan.Timers)
        {
            timers[timer.Kind] = timer;
        }
    }

    private static string Describe(Arrival a) => a switch
    {
        Arrival.Step(var fact, var report) => $"#{fact.Id}@{(report.OccurredAt - T0).TotalMinutes:0.##}",
        Arrival.Deposit => "deposit",
        _ => "stall timer",
    };

    private static string Describe(FunnelTimer t) =>
        $"{t.Kind} {t.Level} due {(t.DueAt - T0).TotalMinutes:0.##} from {(t.EpisodeStartedAt - T0).TotalMinutes:0.##}";

    private sealed record FinalState(
        FunnelStatus Status, FunnelStep CurrentStep, bool InRework, string? RiskLevel, DateTimeOffset? RiskAssessedAt, int StallLevel,
        DateTimeOffset? StalledSince, DateTimeOffset LastActivityAt, DateTimeOffset? ApprovedAt, DateTimeOffset? FundedAt, int Resubmissions,
        DateTimeOffset? RejectedAt, string Reached);

    /// <summary>The final state, the milestone events published (sorted), the StepRecorded steps (sorted) and the final timers.</summary>
    private sealed record Outcome(FinalState State, string Milestones, string StepsRecorded, string Timers);

    private abstract record Arrival
    {
        /// <param name="Report">The report as the service stores it (its date clamped to the service's clock).</param>
        public sealed record Step(OrderFact Fact, StepReport Report) : Arrival;

        public sealed record Deposit(DateTimeOffset At) : Arrival;

        /// <summary>The timer worker runs at <paramref name="Now"/>.</summary>
        public sealed record StallTimer(DateTimeOffset Now) : Arrival;
    }
}
