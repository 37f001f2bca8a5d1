using CsCheck;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Stalls;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// Issue 10 item 1, "decide by the facts, not by arrival", over random fact sets of one client in random
/// arrival orders, replayed through the step path's decide phase (<see cref="FunnelStore.Decide"/>), the
/// timers it plans (<see cref="TimerScheduler.Plan"/>) and what the timer worker and the deposit handler do. The
/// expected state, events and timers are written out from the facts (<see cref="Scenario.Expected"/>), never
/// read back from the implementation. The facts: steps before the submission (dated in funnel order or not),
/// risk assessments, a submission, a rejection back to a named step, the rework of that step, a
/// resubmission, an approval, a deposit, repeats of a step with a new event id, client facts dated by a clock
/// up to MaxClockSkew fast (clamped to the service's clock as FunnelGrpcService does), and a stall timer
/// firing once the newest fact is in.
/// What arrival order may still change, on purpose, and is asserted as such:
/// - a rejection that arrives after the resubmission or the approval answering it publishes no
///   ApplicationRejected (no outreach for a rejection already answered), though it is counted;
/// - the latest submission's date, when it is not the newest fact: a fast client clock is clamped to the
///   service's clock at receipt, which depends on what arrived before;
/// - the last activity, by a second tap's 30 s, when a rejection arrives after the resubmission answering it
///   (the latest submission date stands for the resubmission then, and a second tap moved it).
/// What the generator keeps causal, since real senders do: a repeat arrives after its original (one sender's
/// retry or second tap; a repeat arriving first is dated as the step, seconds late), assessments differ in level
/// (one returning to an earlier level, arriving before the one between, cannot be told from a repeat), the client app's assessment without a level comes before the
/// core system's, and a rework step arrives after the rejection (the app learns of it from this service).
/// </summary>
public sealed class FunnelOrderPropertyTests
{
    private static readonly FunnelDefinition Standard = FunnelDefinition.Standard;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private static readonly FunnelStep[] StepsBeforeSubmission =
    [
        FunnelStep.PhoneVerified, FunnelStep.IdUploaded, FunnelStep.IdVerified, FunnelStep.FaceVerified, FunnelStep.ProfileCompleted,
        FunnelStep.BankCardBound, FunnelStep.DepositorySigned, FunnelStep.AgreementsSigned, FunnelStep.VideoWitnessed,
    ];

    private static readonly FunnelStep?[] BackToSteps = [null, FunnelStep.IdUploaded, FunnelStep.ProfileCompleted];

    private static readonly string[] Levels = ["C1", "C2", "C3", "C4", "C5"];

    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How far the application went: 0 not submitted, then each stage adds its fact (5: approved without a rejection).</summary>
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[0, 511], Gen.Int[0, 4].Array[0, 3], Gen.Int[0, 5], Gen.Int[0, 2], Gen.Int[0, 31], Gen.Int[0, 5].Array[12], Gen.Int)
            .Select((steps, levels, stage, backTo, flags, skews, seed) => new Scenario(
                [.. StepsBeforeSubmission.Where((_, i) => (steps & (1 << i)) != 0)],
                [.. levels.Select(l => Levels[l]).Distinct()],
                stage, BackToSteps[backTo], Deposited: (flags & 1) != 0, Stalls: (flags & 2) != 0, OutOfFunnelOrder: (flags & 4) != 0,
                Repeats: (flags & 8) != 0, ClientAssessment: (flags & 16) != 0, [.. skews.Select(m => TimeSpan.FromMinutes(m))], seed));

    [Fact]
    public void TheSameFactsEndInTheSameStateWhateverTheirArrivalOrder()
    {
        Scenarios.Sample(scenario =>
        {
            foreach (var seed in new int?[] { null, scenario.Seed, scenario.Seed + 1, scenario.Seed + 2 })
            {
                var arrivals = scenario.Arrivals(seed);
                var replayed = Replay(arrivals);
                var expected = scenario.Expected();
                // A rejection answered before it arrived makes the latest submission the last activity: a second tap's, 30 s on.
                var lastActivity = scenario.RejectionAnswered(arrivals) && scenario.Repeats && replayed.State.LastActivityAt == expected.LastActivityAt.AddSeconds(30)
                    ? expected.LastActivityAt : replayed.State.LastActivityAt;
                Assert.Equal(expected, replayed.State with { LastSubmittedAt = null, LastActivityAt = lastActivity });
                Assert.InRange(replayed.State.LastSubmittedAt ?? DateTimeOffset.MinValue, scenario.LatestSubmission().From, scenario.LatestSubmission().To);
                Assert.Equal(scenario.ExpectedMilestones(arrivals), replayed.Milestones);
                Assert.Equal(scenario.ExpectedTimers(), replayed.Timers);
                // A repeat (a new event id) publishes nothing: the steps published are those without the repeats.
                Assert.Equal(Replay(arrivals.Where(a => a is not Arrival.Step { Repeat: true })).StepsRecorded, replayed.StepsRecorded);
            }
        }, iter: 2_000);
    }

    /// <summary>What the step path, the deposit handler and the timer worker do with each arrival, in memory.</summary>
    private static Replayed Replay(IEnumerable<Arrival> arrivals)
    {
        ClientFunnel? funnel = null;
        var earlyDeposits = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var timers = new Dictionary<TimerKind, FunnelTimer>();
        var published = new List<string>();
        var stepsRecorded = new List<string>();
        var clock = DateTimeOffset.MinValue;
        foreach (var arrival in arrivals)
        {
            switch (arrival)
            {
                case Arrival.Step(var report, var skew, _):
                    // The service's clock is at least the newest fact received; a time ahead of it is taken as now.
                    clock = report.OccurredAt > clock ? report.OccurredAt : clock;
                    var stored = report with { OccurredAt = report.OccurredAt + skew > clock ? clock : report.OccurredAt + skew };
                    var isNew = funnel is null;
                    funnel ??= ClientFunnel.Start("c-1", Standard, stored);
                    var decisions = new StepBatchDecisions(clock, new Dictionary<string, int>());
                    FunnelStore.Decide(decisions, funnel, isNew, Standard, Standard, stored, earlyDeposits, trace: null);
                    Apply(timers, TimerScheduler.Plan([.. decisions.Changed.Values]));
                    foreach (var envelope in decisions.Published)
                    {
                        if (envelope.EventType == nameof(StepRecorded))
                        {
                            stepsRecorded.Add(StepRecorded.Parser.ParseFrom(envelope.Payload).Step);
                        }
                        else
                        {
                            published.Add(envelope.EventType == nameof(ApplicationRejected)
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
                        published.Add(nameof(AccountFunded));
                    }

                    break;
                case Arrival.StallTimer(var now) when funnel is not null:
                    // TimerWorker: a due timer fires once; a stale one (the client moved on) goes without an event.
                    if (timers.Remove(TimerKind.Stall, out var timer) && timer.DueAt <= now)
                    {
                        if (funnel.CanStall && funnel.LastActivityAt == timer.EpisodeStartedAt)
                        {
                            funnel.MarkStalled(timer.Level);
                            published.Add($"{nameof(ProspectStalled)} {timer.Level}");
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
            f.ApprovedAt, f.FundedAt, f.Resubmissions, f.RejectedAt, f.LastSubmittedAt, string.Join(",", f.Reached.Select(r => r.Step).Order()));
        return new Replayed(state, string.Join(", ", published.Order()), string.Join(", ", stepsRecorded.Order()),
            string.Join(", ", timers.Values.OrderBy(t => t.Kind).Select(Describe)));
    }

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

    private static string Describe(FunnelTimer t) => $"{t.Kind} {t.Level} due {t.DueAt:HH:mm} d{(t.DueAt - T0).Days} from {t.EpisodeStartedAt:HH:mm}";

    private static StepReport Report(FunnelStep step, double minute, string? riskLevel = null, FunnelStep? backTo = null) =>
        new(Guid.CreateVersion7(), step, T0.AddMinutes(minute), "short_video", "double11", "ios", 1, riskLevel, BackToStep: backTo);

    private sealed record FinalState(
        FunnelStatus Status, FunnelStep CurrentStep, bool InRework, string? RiskLevel, DateTimeOffset? RiskAssessedAt, int StallLevel,
        DateTimeOffset? StalledSince, DateTimeOffset LastActivityAt, DateTimeOffset? ApprovedAt, DateTimeOffset? FundedAt, int Resubmissions,
        DateTimeOffset? RejectedAt, DateTimeOffset? LastSubmittedAt, string Reached);

    /// <summary>The final state, the milestone events published (sorted), the StepRecorded steps (sorted) and the final timers.</summary>
    private sealed record Replayed(FinalState State, string Milestones, string StepsRecorded, string Timers);

    private abstract record Arrival
    {
        /// <param name="Skew">How far ahead the sender's clock runs (client apps only).</param>
        public sealed record Step(StepReport Report, TimeSpan Skew, bool Repeat) : Arrival;

        public sealed record Deposit(DateTimeOffset At) : Arrival;

        /// <summary>The timer worker runs at <paramref name="Now"/>.</summary>
        public sealed record StallTimer(DateTimeOffset Now) : Arrival;
    }

    /// <param name="Steps">Steps before the submission, each dated at its position in the funnel (minute 10 x position), or at another's.</param>
    /// <param name="RiskLevels">The core system's assessments, in date order (minutes 71, 72, ...).</param>
    /// <param name="Stage">0 in progress, 1 submitted (@200), 2 rejected (@210), 3 resubmitted (@220), 4 approved (@230), 5 approved without a rejection.</param>
    /// <param name="Repeats">Each step, submission and assessment is reported twice, 30 s apart, with a new event id.</param>
    /// <param name="ClientAssessment">The client app reports the questionnaire done (no level) at minute 70.</param>
    /// <param name="Skews">How fast the client app's clock runs, per client fact (system facts are exact).</param>
    /// <param name="Seed">The arrival order.</param>
    private sealed record Scenario(
        FunnelStep[] Steps, string[] RiskLevels, int Stage, FunnelStep? BackTo, bool Deposited, bool Stalls, bool OutOfFunnelOrder,
        bool Repeats, bool ClientAssessment, TimeSpan[] Skews, int Seed)
    {
        private const int Submitted = 200, Rejected = 210, Rework = 213, Resubmitted = 220, Approved = 230, Deposit = 240;

        private bool IsSubmitted => Stage >= 1;

        // What CsCheck prints for the smallest failing scenario.
        public override string ToString() =>
            $"steps [{string.Join(", ", Steps)}], risk levels [{string.Join(", ", RiskLevels)}], stage {Stage}, back to {BackTo?.ToString() ?? "none"}, " +
            $"deposited {Deposited}, stalls {Stalls}, out of funnel order {OutOfFunnelOrder}, repeats {Repeats}, client assessment {ClientAssessment}, " +
            $"skews [{string.Join(", ", Skews.Select(k => k.TotalMinutes))}], seed {Seed}";

        private bool IsRejected => Stage is >= 2 and <= 4;

        private bool IsResubmitted => Stage is 3 or 4;

        private bool IsApproved => Stage >= 4;

        /// <summary>The rework of the named step, when the rejection named one before the submission.</summary>
        private bool Reworks => IsRejected && BackTo is not null;

        private DateTimeOffset Newest => T0.AddMinutes(Facts().Where(f => f.Arrival is Arrival.Step).Max(f => f.Minute));

        /// <summary>
        /// The facts' arrival order: dates order when the seed is null, shuffled otherwise; a repeat after its original, the
        /// rework after the rejection, the stall timer after the newest fact.
        /// </summary>
        public IReadOnlyList<Arrival> Arrivals(int? seed)
        {
            var facts = Facts().ToArray();
            var random = seed is { } s ? new Random(s) : null;
            random?.Shuffle(facts);
            var list = facts.Select(f => f.Arrival).ToList();
            MoveAfter(list, a => a is Arrival.Step { Report.Step: FunnelStep.Rejected }, a => a is Arrival.Step { Report.OccurredAt: var at } && at == T0.AddMinutes(Rework), random);
            if (Repeats)
            {
                foreach (var original in list.OfType<Arrival.Step>().Where(a => a.Report.Step is not (FunnelStep.Rejected or FunnelStep.Approved)).ToList())
                {
                    var repeat = original with { Report = original.Report with { EventId = Guid.CreateVersion7(), OccurredAt = original.Report.OccurredAt.AddSeconds(30) }, Repeat = true };
                    var after = list.IndexOf(original) + 1;
                    list.Insert(random?.Next(after, list.Count + 1) ?? after, repeat);
                }
            }

            if (Stalls)
            {
                // A timer fires only after the latest activity it is scheduled from; older facts may still come after it.
                var newest = list.FindIndex(a => a is Arrival.Step { Repeat: false } step && step.Report.OccurredAt == Newest);
                list.Insert(random?.Next(newest + 1, list.Count + 1) ?? list.Count, new Arrival.StallTimer(Newest + Standard.StallAfter[0] + TimeSpan.FromMinutes(1)));
            }

            return list;
        }

        private static void MoveAfter(List<Arrival> list, Func<Arrival, bool> anchor, Func<Arrival, bool> moved, Random? random)
        {
            var index = list.FindIndex(a => moved(a));
            if (index < 0)
            {
                return;
            }

            var item = list[index];
            list.RemoveAt(index);
            var after = list.FindIndex(a => anchor(a)) + 1;
            list.Insert(random?.Next(after, list.Count + 1) ?? after, item);
        }

        /// <summary>DOMAIN.md and issue 10 item 1 written out, independently of <see cref="ClientFunnel"/> (the latest submission's date aside).</summary>
        public FinalState Expected()
        {
            var furthest = Steps.Length > 0 ? Steps.Max() : FunnelStep.Registered;
            furthest = (RiskLevels.Length > 0 || ClientAssessment) && FunnelStep.RiskAssessed > furthest ? FunnelStep.RiskAssessed : furthest;
            var (status, current, inRework) = Stage switch
            {
                >= 4 => (Deposited ? FunnelStatus.Funded : FunnelStatus.Approved, FunnelStep.Approved, false),
                2 when Reworks => (FunnelStatus.InProgress, BackTo!.Value, true),
                2 => (FunnelStatus.Rejected, FunnelStep.Submitted, true),
                1 or 3 => (FunnelStatus.Submitted, FunnelStep.Submitted, false),
                _ => (FunnelStatus.InProgress, furthest, false),
            };
            var stalled = Stalls && status is FunnelStatus.InProgress or FunnelStatus.Rejected;
            var reached = new List<FunnelStep>(Steps) { FunnelStep.Registered };
            reached.AddRange(new[]
                {
                    (RiskLevels.Length > 0 || ClientAssessment, FunnelStep.RiskAssessed), (IsSubmitted, FunnelStep.Submitted),
                    (IsApproved, FunnelStep.Approved), (Reworks, BackTo ?? FunnelStep.Registered),
                }
                .Where(s => s.Item1).Select(s => s.Item2));
            var lastLevel = RiskLevels.Length == 0 ? (DateTimeOffset?)null : T0.AddMinutes(LevelMinute(RiskLevels.Length - 1)).AddSeconds(Repeats ? 30 : 0);
            return new FinalState(
                stalled ? FunnelStatus.Stalled : status, current, inRework, RiskLevels.LastOrDefault(), lastLevel,
                stalled ? 1 : 0, stalled ? Newest : null, Newest,
                IsApproved ? T0.AddMinutes(Approved) : null,
                IsApproved && Deposited ? T0.AddMinutes(Deposit) : null,
                IsRejected ? 1 : 0, IsRejected ? T0.AddMinutes(Rejected) : null, null,
                string.Join(",", reached.Distinct().Order()));
        }

        /// <summary>The latest submission's date: its own, up to its clock's skew (and a repeat's 30 s) later, unless it is the newest fact.</summary>
        public (DateTimeOffset From, DateTimeOffset To) LatestSubmission()
        {
            if (!IsSubmitted)
            {
                return (DateTimeOffset.MinValue, DateTimeOffset.MinValue);
            }

            var at = T0.AddMinutes(IsResubmitted ? Resubmitted : Submitted);
            return (at, at + Skews[IsResubmitted ? 11 : 10] + TimeSpan.FromSeconds(Repeats ? 30 : 0));
        }

        /// <summary>
        /// One AccountApproved and one AccountFunded once approved (and funded), a level-1 stall when stalled, and an
        /// ApplicationRejected for the rejection unless the resubmission or the approval answering it arrived first.
        /// </summary>
        public string ExpectedMilestones(IReadOnlyList<Arrival> arrivals)
        {
            var milestones = new List<string>();
            if (IsRejected && !RejectionAnswered(arrivals))
            {
                milestones.Add($"{nameof(ApplicationRejected)} 1");
            }

            if (IsApproved)
            {
                milestones.Add(nameof(AccountApproved));
            }

            if (IsApproved && Deposited)
            {
                milestones.Add(nameof(AccountFunded));
            }

            if (Expected().StallLevel == 1)
            {
                milestones.Add($"{nameof(ProspectStalled)} 1");
            }

            return string.Join(", ", milestones.Order());
        }

        /// <summary>Whether the resubmission or the approval answering the rejection arrived before it.</summary>
        public bool RejectionAnswered(IReadOnlyList<Arrival> arrivals)
        {
            var rejection = arrivals.ToList().FindIndex(a => a is Arrival.Step { Report.Step: FunnelStep.Rejected });
            return rejection >= 0 && arrivals.Take(rejection).OfType<Arrival.Step>()
                .Any(a => a.Report.Step == FunnelStep.Approved || (a.Report.Step == FunnelStep.Submitted && a.Report.OccurredAt > T0.AddMinutes(Rejected)));
        }

        /// <summary>A dormant watch while approved and not funded; while the client can stall, the next stall level from its newest fact.</summary>
        public string ExpectedTimers()
        {
            var expected = Expected();
            var timers = new List<FunnelTimer>();
            if (expected.Status is FunnelStatus.InProgress or FunnelStatus.Rejected or FunnelStatus.Stalled)
            {
                var level = expected.StallLevel + 1;
                timers.Add(new FunnelTimer
                {
                    ClientId = "c-1", Kind = TimerKind.Stall, Level = level, DueAt = Newest + Standard.StallAfter[level - 1], EpisodeStartedAt = Newest,
                });
            }

            if (expected.Status == FunnelStatus.Approved)
            {
                var approvedAt = T0.AddMinutes(Approved);
                timers.Add(new FunnelTimer
                {
                    ClientId = "c-1", Kind = TimerKind.Dormant, Level = 1, DueAt = approvedAt + Standard.DormantAfter, EpisodeStartedAt = approvedAt,
                });
            }

            return string.Join(", ", timers.Select(Describe));
        }

        private static double LevelMinute(int i) => (10 * (int)FunnelStep.RiskAssessed) + 1 + i;

        private IEnumerable<(double Minute, Arrival Arrival)> Facts()
        {
            // Client facts take their clock's skew in turn; system facts (levels, rejection, approval) have none.
            var skew = 0;
            (double, Arrival) Client(FunnelStep step, double minute) => (minute, new Arrival.Step(Report(step, minute), Skews[skew++ % 10], Repeat: false));

            yield return Client(FunnelStep.Registered, 0);
            // Out of funnel order: the steps take each other's dates (the last step's date goes to the first, and so on).
            var minutes = Steps.Select(step => 10 * (int)step).ToArray();
            for (var i = 0; i < Steps.Length; i++)
            {
                yield return Client(Steps[i], OutOfFunnelOrder ? minutes[(i + 1) % minutes.Length] : minutes[i]);
            }

            if (ClientAssessment)
            {
                yield return Client(FunnelStep.RiskAssessed, 10 * (int)FunnelStep.RiskAssessed);
            }

            for (var i = 0; i < RiskLevels.Length; i++)
            {
                yield return (LevelMinute(i), new Arrival.Step(Report(FunnelStep.RiskAssessed, LevelMinute(i), RiskLevels[i]), TimeSpan.Zero, Repeat: false));
            }

            if (IsSubmitted)
            {
                yield return (Submitted, new Arrival.Step(Report(FunnelStep.Submitted, Submitted), Skews[10], Repeat: false));
            }

            if (IsRejected)
            {
                yield return (Rejected, new Arrival.Step(Report(FunnelStep.Rejected, Rejected, backTo: BackTo), TimeSpan.Zero, Repeat: false));
            }

            if (Reworks)
            {
                yield return (Rework, new Arrival.Step(Report(BackTo!.Value, Rework), Skews[11], Repeat: false));
            }

            if (IsResubmitted)
            {
                yield return (Resubmitted, new Arrival.Step(Report(FunnelStep.Submitted, Resubmitted), Skews[11], Repeat: false));
            }

            if (IsApproved)
            {
                yield return (Approved, new Arrival.Step(Report(FunnelStep.Approved, Approved), TimeSpan.Zero, Repeat: false));
            }

            if (Deposited && IsApproved)
            {
                // The money comes after the account opened; its report may still come before the approval's.
                yield return (Deposit, new Arrival.Deposit(T0.AddMinutes(Deposit)));
            }
        }
    }
}
