using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>
/// A random application of one client for <see cref="FunnelOrderPropertyTests"/>, built from a tape of small numbers (so
/// that CsCheck shrinks a failure to a short, readable one). Client facts and core-system facts are minutes apart and client
/// clocks up to 5 minutes fast, so a client fact plus its skew lands on either side of a system fact; a repeat comes 0 to
/// 15 minutes after its original, so it may be dated after a rejection that arrives after it; 0 to 2 rejections, with or
/// without a resubmission between them. Core-system facts are dated on the half minute and the service's clock runs 10 s
/// past the newest fact received, so no two facts of different senders share an instant.
/// </summary>
internal sealed class OrderScenario
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private static readonly FunnelStep[] StepsBeforeSubmission =
    [
        FunnelStep.PhoneVerified, FunnelStep.IdUploaded, FunnelStep.IdVerified, FunnelStep.FaceVerified, FunnelStep.ProfileCompleted,
        FunnelStep.BankCardBound, FunnelStep.DepositorySigned, FunnelStep.AgreementsSigned, FunnelStep.VideoWitnessed,
    ];

    private static readonly FunnelStep?[] BackToSteps = [null, FunnelStep.IdUploaded, FunnelStep.ProfileCompleted];

    private static readonly string[] Levels = ["C1", "C2", "C3", "C4", "C5"];

    private readonly int[] tape;
    private int read;

    public OrderScenario(int[] tape)
    {
        this.tape = tape;
        Build();
    }

    public List<OrderFact> Facts { get; } = [];

    /// <summary>When the money came (after the approval); null without a deposit.</summary>
    public DateTimeOffset? DepositAt { get; private set; }

    /// <summary>Whether the stall timer runs once everything arrived (30 min after the newest fact and a minute more).</summary>
    public bool Stalls { get; private set; }

    public DateTimeOffset Newest => Facts.Max(f => f.At);

    public override string ToString() => string.Join("; ", Facts.Select(f =>
        $"#{f.Id} {f.Step}{(f.Level is null ? "" : " " + f.Level)}{(f.BackTo is null ? "" : " back to " + f.BackTo)} @{(f.At - T0).TotalMinutes}" +
        $"{(f.Skew > TimeSpan.Zero ? $" +{f.Skew.TotalMinutes}" : "")}{(f.RepeatOf is { } r ? $" repeats #{r}" : "")}{(f.After.Length > 0 ? $" after #{string.Join(",#", f.After)}" : "")}"))
        + $"; deposit {DepositAt is not null}, stalls {Stalls}";

    /// <summary>The next number from the tape, 0..max (0 once the tape ends).</summary>
    private int Next(int max) => read < tape.Length ? tape[read++] % (max + 1) : 0;

    private OrderFact Add(FunnelStep step, double minute, bool client, string? level = null, FunnelStep? backTo = null, params int[] after)
    {
        var fact = new OrderFact(Facts.Count, step, T0.AddMinutes(minute), TimeSpan.FromMinutes(client ? Next(5) : 0), level, backTo, null, after);
        Facts.Add(fact);
        return fact;
    }

    private void Build()
    {
        Add(FunnelStep.Registered, 0, client: true);
        foreach (var step in StepsBeforeSubmission.Where(_ => Next(1) == 1))
        {
            Add(step, 1 + Next(49), client: true);
        }

        // The client app's questionnaire (no level) comes before the core system's levels, which differ from each other.
        var assessment = Next(1) == 1 ? Add(FunnelStep.RiskAssessed, 1 + Next(49), client: true) : null;
        var levels = Levels.Where(_ => Next(1) == 1).Take(Next(3)).ToArray();
        var levelMinutes = levels.Select(_ => 1 + Next(49)).Distinct().Order().ToArray();
        for (var i = 0; i < levelMinutes.Length; i++)
        {
            Add(FunnelStep.RiskAssessed, levelMinutes[i] + 0.5, client: false, levels[i], after: assessment is null ? [] : [assessment.Id]);
        }

        if (Next(3) > 0)
        {
            BuildSubmissions();
        }

        AddRepeats();
        Stalls = Next(1) == 1;
    }

    /// <summary>A submission, 0 to 2 rejections (each answered by rework and a resubmission, or not), an approval, a deposit.</summary>
    private void BuildSubmissions()
    {
        var submission = Add(FunnelStep.Submitted, 51 + Next(4), client: true);
        var last = submission.At;
        var resubmitted = true;
        var rejections = Next(2);
        int[] answered = [];
        for (var k = 1; k <= rejections; k++)
        {
            // The core system rejects what it received; with a resubmission between, after that resubmission.
            var rejection = Add(FunnelStep.Rejected, Math.Floor((last - T0).TotalMinutes) + 1 + Next(6) + 0.5, client: false,
                backTo: BackToSteps[Next(2)], after: answered);
            last = rejection.At;
            resubmitted = k < rejections ? Next(1) == 1 : Next(2) > 0;
            answered = [];
            if (rejection.BackTo is { } back && (resubmitted || Next(1) == 1))
            {
                // The app learns of the rejection from this service: its rework arrives after it.
                var rework = Add(back, Math.Floor((last - T0).TotalMinutes) + 1 + Next(3), client: true, after: [rejection.Id]);
                last = rework.At;
                answered = [rework.Id];
            }

            if (resubmitted)
            {
                var resubmission = Add(FunnelStep.Submitted, Math.Floor((last - T0).TotalMinutes) + 1 + Next(3), client: true, after: [rejection.Id, .. answered]);
                last = resubmission.At;
                answered = [resubmission.Id];
            }
        }

        if (resubmitted && Next(1) == 1)
        {
            var approval = Add(FunnelStep.Approved, Math.Floor((last - T0).TotalMinutes) + 1 + Next(6) + 0.5, client: false, after: answered);
            DepositAt = Next(1) == 1 ? approval.At.AddMinutes(10) : null;
        }
    }

    /// <summary>
    /// Some client facts reported again with a new event id, on the same clock, after the original: 0 to 15 minutes later,
    /// but before the client's next fact (a second tap comes before the user's next action; one dated after it would be
    /// that action's report, and which of the two counted would depend on arrival). A repeated submission may so be dated
    /// after the rejection of the original, up to the rework.
    /// </summary>
    private void AddRepeats()
    {
        var client = Facts.Where(f => f.Step is not (FunnelStep.Rejected or FunnelStep.Approved) && f.Level is null).ToList();
        foreach (var original in client)
        {
            if (Next(3) == 0)
            {
                var next = client.Where(f => f.At > original.At).Select(f => (f.At - original.At).TotalMinutes - 1).DefaultIfEmpty(15).Min();
                Facts.Add(original with
                {
                    Id = Facts.Count, At = original.At.AddMinutes(Math.Clamp(Next(15), 0, Math.Max(0, next))), RepeatOf = original.Id, After = [original.Id],
                });
            }
        }
    }
}
