using CsCheck;
using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// Issue 10 item 1, "decide by the facts, not by arrival", over random fact sets of one client in every
/// arrival order. The expected state is written out from the facts (<see cref="Scenario.Expected"/>), never
/// read back from the implementation. The facts are those whose order the domain says must not matter: steps
/// dated in funnel order (some arriving late), risk assessments with levels from the core system, a
/// submission, a rejection back to a named step, a resubmission, an approval, a deposit, and a stall timer
/// firing once the newest fact is in.
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

    private static readonly string?[] Levels = [null, "C1", "C2", "C3", "C4", "C5"];

    /// <summary>How far the application went: 0 not submitted, then each stage adds its fact (5: approved without a rejection).</summary>
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[0, 511], Gen.Int[0, 5].Array[0, 3], Gen.Int[0, 5], Gen.Int[0, 2], Gen.Bool, Gen.Bool, Gen.Int,
            (steps, levels, stage, backTo, deposited, stalls, seed) => new Scenario(
                [.. StepsBeforeSubmission.Where((_, i) => (steps & (1 << i)) != 0)], [.. levels.Select(l => Levels[l])], stage,
                BackToSteps[backTo], deposited, stalls, seed));

    [Fact]
    public void TheSameFactsEndInTheSameStateWhateverTheirArrivalOrder()
    {
        Scenarios.Sample(scenario =>
        {
            var expected = scenario.Expected();
            foreach (var seed in new[] { scenario.Seed, scenario.Seed + 1, scenario.Seed + 2 })
            {
                Assert.Equal(expected, Replay(scenario.Arrivals(seed)));
            }

            Assert.Equal(expected, Replay(scenario.Arrivals(seed: null)));
        }, iter: 2_000);
    }

    /// <summary>What the step path, the deposit handler and the timer worker do with each arrival, in memory.</summary>
    private static FinalState Replay(IEnumerable<Arrival> arrivals)
    {
        ClientFunnel? funnel = null;
        DateTimeOffset? earlyDeposit = null;
        foreach (var arrival in arrivals)
        {
            switch (arrival)
            {
                case Arrival.Step(var report):
                    funnel ??= ClientFunnel.Start("c-1", Standard, report);
                    if (funnel.Record(Standard, report) == StepChange.Progressed && report.Step == FunnelStep.Approved && earlyDeposit is { } depositedAt)
                    {
                        funnel.MarkFunded(depositedAt);
                    }

                    break;
                case Arrival.Deposit(var at):
                    if (funnel?.ApprovedAt is null)
                    {
                        earlyDeposit = at;
                    }
                    else
                    {
                        funnel.MarkFunded(at);
                    }

                    break;
                case Arrival.StallTimer when funnel is { CanStall: true }:
                    funnel.MarkStalled(1);
                    break;
            }
        }

        var f = funnel!;
        return new FinalState(f.Status, f.CurrentStep, f.InRework, f.RiskLevel, f.StallLevel, f.StalledSince, f.LastActivityAt,
            f.ApprovedAt, f.FundedAt, string.Join(",", f.Reached.Select(r => r.Step).Order()));
    }

    private static StepReport Report(FunnelStep step, int minute, string? riskLevel = null, FunnelStep? backTo = null) =>
        new(Guid.CreateVersion7(), step, T0.AddMinutes(minute), "short_video", "double11", "ios", 1, riskLevel, BackToStep: backTo);

    private sealed record FinalState(
        FunnelStatus Status, FunnelStep CurrentStep, bool InRework, string? RiskLevel, int StallLevel, DateTimeOffset? StalledSince,
        DateTimeOffset LastActivityAt, DateTimeOffset? ApprovedAt, DateTimeOffset? FundedAt, string Reached);

    private abstract record Arrival
    {
        public sealed record Step(StepReport Report) : Arrival;

        public sealed record Deposit(DateTimeOffset At) : Arrival;

        public sealed record StallTimer : Arrival;
    }

    /// <param name="Steps">Steps before the submission, each dated at its position in the funnel (minute 10 x position).</param>
    /// <param name="RiskLevels">Risk assessments, in date order (minutes 71, 72, ...); null is a client app's, without a level.</param>
    /// <param name="Stage">0 in progress, 1 submitted (@200), 2 rejected (@210), 3 resubmitted (@220), 4 approved (@230), 5 approved without a rejection.</param>
    /// <param name="Seed">The arrival order.</param>
    private sealed record Scenario(
        FunnelStep[] Steps, string?[] RiskLevels, int Stage, FunnelStep? BackTo, bool Deposited, bool Stalls, int Seed)
    {
        private const int Submitted = 200, Rejected = 210, Resubmitted = 220, Approved = 230, Deposit = 240;

        private bool IsSubmitted => Stage >= 1;

        // What CsCheck prints for the smallest failing scenario.
        public override string ToString() =>
            $"steps [{string.Join(", ", Steps)}], risk levels [{string.Join(", ", RiskLevels.Select(l => l ?? "none"))}], stage {Stage}, " +
            $"back to {BackTo?.ToString() ?? "none"}, deposited {Deposited}, stalls {Stalls}, seed {Seed}";

        private bool IsRejected => Stage is >= 2 and <= 4;

        private bool IsResubmitted => Stage is 3 or 4;

        private bool IsApproved => Stage >= 4;

        /// <summary>The facts' arrival order: dates order when the seed is null, shuffled otherwise; the stall timer after the newest fact.</summary>
        public IEnumerable<Arrival> Arrivals(int? seed)
        {
            var facts = Facts().ToArray();
            if (seed is { } s)
            {
                new Random(s).Shuffle(facts);
            }

            var list = facts.Select(f => f.Arrival).ToList();
            if (Stalls)
            {
                // A timer fires only after the latest activity it is scheduled from; older facts may still come after it.
                var newestMinute = facts.Where(f => f.Arrival is Arrival.Step).Max(f => f.Minute);
                var newest = Array.FindIndex(facts, f => f.Minute == newestMinute);
                var after = seed is { } r ? new Random(r).Next(newest + 1, facts.Length + 1) : facts.Length;
                list.Insert(after, new Arrival.StallTimer());
            }

            return list;
        }

        /// <summary>DOMAIN.md and issue 10 item 1 written out, independently of <see cref="ClientFunnel"/>.</summary>
        public FinalState Expected()
        {
            var furthest = Steps.Length > 0 ? Steps.Max() : FunnelStep.Registered;
            furthest = RiskLevels.Length > 0 && FunnelStep.RiskAssessed > furthest ? FunnelStep.RiskAssessed : furthest;
            var (status, current, inRework) = Stage switch
            {
                >= 4 => (Deposited ? FunnelStatus.Funded : FunnelStatus.Approved, FunnelStep.Approved, false),
                2 => (FunnelStatus.Rejected, BackTo ?? FunnelStep.Submitted, true),
                1 or 3 => (FunnelStatus.Submitted, FunnelStep.Submitted, false),
                _ => (FunnelStatus.InProgress, furthest, false),
            };
            var newest = T0.AddMinutes(Facts().Where(f => f.Arrival is Arrival.Step).Max(f => f.Minute));
            var stalled = Stalls && status is FunnelStatus.InProgress or FunnelStatus.Rejected;
            var reached = new List<FunnelStep>(Steps) { FunnelStep.Registered };
            reached.AddRange(new[] { (RiskLevels.Length > 0, FunnelStep.RiskAssessed), (IsSubmitted, FunnelStep.Submitted), (IsApproved, FunnelStep.Approved) }
                .Where(s => s.Item1).Select(s => s.Item2));
            return new FinalState(
                stalled ? FunnelStatus.Stalled : status, current, inRework,
                RiskLevels.LastOrDefault(l => l is not null), // the latest assessment with a level
                stalled ? 1 : 0, stalled ? newest : null, newest,
                IsApproved ? T0.AddMinutes(Approved) : null,
                IsApproved && Deposited ? T0.AddMinutes(Deposit) : null,
                string.Join(",", reached.Order()));
        }

        private IEnumerable<(int Minute, Arrival Arrival)> Facts()
        {
            yield return (0, new Arrival.Step(Report(FunnelStep.Registered, 0)));
            foreach (var step in Steps)
            {
                var minute = 10 * (int)step;
                yield return (minute, new Arrival.Step(Report(step, minute)));
            }

            for (var i = 0; i < RiskLevels.Length; i++)
            {
                var minute = (10 * (int)FunnelStep.RiskAssessed) + 1 + i;
                yield return (minute, new Arrival.Step(Report(FunnelStep.RiskAssessed, minute, RiskLevels[i])));
            }

            if (IsSubmitted)
            {
                yield return (Submitted, new Arrival.Step(Report(FunnelStep.Submitted, Submitted)));
            }

            if (IsRejected)
            {
                yield return (Rejected, new Arrival.Step(Report(FunnelStep.Rejected, Rejected, backTo: BackTo)));
            }

            if (IsResubmitted)
            {
                yield return (Resubmitted, new Arrival.Step(Report(FunnelStep.Submitted, Resubmitted)));
            }

            if (IsApproved)
            {
                yield return (Approved, new Arrival.Step(Report(FunnelStep.Approved, Approved)));
            }

            if (Deposited && IsApproved)
            {
                // The money comes after the account opened; its report may still come before the approval's.
                yield return (Deposit, new Arrival.Deposit(T0.AddMinutes(Deposit)));
            }
        }
    }
}
