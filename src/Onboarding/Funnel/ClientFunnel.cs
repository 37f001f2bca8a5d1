namespace Platform.Onboarding.Funnel;

/// <summary>
/// One client's progress through a funnel. Steps arrive late, twice or out of order from mobile
/// clients: a step is reached once (the first report wins), and the current step is the
/// furthest one reached since the last rejection.
/// </summary>
public sealed class ClientFunnel
{
    private readonly List<ReachedStep> reached = [];

    private ClientFunnel()
    {
    }

    public required string ClientId { get; init; }

    public required string Funnel { get; init; }

    public int FunnelVersion { get; init; }

    public FunnelStatus Status { get; private set; }

    public FunnelStep CurrentStep { get; private set; }

    public string Channel { get; private set; } = string.Empty;

    public string Campaign { get; private set; } = string.Empty;

    public string? RiskLevel { get; private set; }

    /// <summary>When the assessment that set <see cref="RiskLevel"/> happened: an older one arriving later does not replace it.</summary>
    public DateTimeOffset? RiskAssessedAt { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset LastActivityAt { get; private set; }

    public DateTimeOffset? StalledSince { get; private set; }

    /// <summary>
    /// How many rejections the application had (each asked for a resubmission, whether a resubmission or the approval
    /// answered it); <c>ApplicationRejected.Resubmissions</c> carries it.
    /// </summary>
    public int Resubmissions { get; private set; }

    /// <summary>When the latest rejection happened: steps older than it are not rework.</summary>
    public DateTimeOffset? RejectedAt { get; private set; }

    /// <summary>
    /// The date of the latest submission that progressed: the first, or one in rework after a rejection. A rejection
    /// older than it was of an earlier submission, which it replaced, and is history. A repeated submission (a second tap
    /// on "submit", with a new event id) does not move it: it happened while the application was under review, so it
    /// answers no rejection, and a rejection decided before it but arriving after it must still reopen the application.
    /// </summary>
    public DateTimeOffset? LastSubmittedAt { get; private set; }

    /// <summary>After a rejection until the next submission: steps reached before count again as progress.</summary>
    public bool InRework { get; private set; }

    /// <summary>The stall level of the current episode (0 while progressing).</summary>
    public int StallLevel { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? FundedAt { get; private set; }

    public DateTimeOffset? DormantAt { get; private set; }

    /// <summary>
    /// The row's version: one more with every write of the row (the trigger client_funnels_version
    /// adds it to EF's updates, and the step path's upsert leaves it to the same trigger). Cached
    /// copies carry it, so that an older copy never replaces a newer one.
    /// </summary>
    public long Version { get; internal set; }

    /// <summary>Breakpoint recall applies while the client is still filling in the application.</summary>
    public bool CanStall => Status is FunnelStatus.InProgress or FunnelStatus.Stalled or FunnelStatus.Rejected;

    public IReadOnlyList<ReachedStep> Reached => reached;

    public static ClientFunnel Start(string clientId, FunnelDefinition definition, StepReport first) => new()
    {
        ClientId = clientId,
        Funnel = definition.Name,
        FunnelVersion = definition.Version,
        Status = FunnelStatus.InProgress,
        CurrentStep = definition.Steps[0],
        Channel = first.Channel,
        Campaign = first.Campaign,
        RegisteredAt = first.OccurredAt,
        LastActivityAt = first.OccurredAt,
    };

    /// <summary>A client's progress as stored, for the step path, which reads its rows without EF.</summary>
    public static ClientFunnel Restore(ClientFunnelRow row, IEnumerable<ReachedStep> reachedSteps)
    {
        var funnel = new ClientFunnel
        {
            ClientId = row.ClientId,
            Funnel = row.Funnel,
            FunnelVersion = row.FunnelVersion,
            Status = row.Status,
            CurrentStep = row.CurrentStep,
            Channel = row.Channel,
            Campaign = row.Campaign,
            RiskLevel = row.RiskLevel,
            RiskAssessedAt = row.RiskAssessedAt,
            RegisteredAt = row.RegisteredAt,
            LastActivityAt = row.LastActivityAt,
            StalledSince = row.StalledSince,
            Resubmissions = row.Resubmissions,
            RejectedAt = row.RejectedAt,
            LastSubmittedAt = row.LastSubmittedAt,
            InRework = row.InRework,
            StallLevel = row.StallLevel,
            ApprovedAt = row.ApprovedAt,
            FundedAt = row.FundedAt,
            DormantAt = row.DormantAt,
            Version = row.Version,
        };
        funnel.reached.AddRange(reachedSteps);
        return funnel;
    }

    /// <summary>The completed steps in funnel order.</summary>
    public IEnumerable<FunnelStep> CompletedSteps(FunnelDefinition definition) =>
        reached.Select(r => r.Step).OrderBy(definition.PositionOf);

    public FunnelStep? NextStep(FunnelDefinition definition) =>
        Status is FunnelStatus.Approved or FunnelStatus.Funded ? null : definition.NextAfter(CurrentStep, Channel);

    /// <summary>
    /// Applies one step report. A step reached late or out of order is kept, but only a step further along
    /// moves the current step; after a rejection, steps from the named one onwards that happened after it move
    /// it again until the client submits anew. A step never counts twice: a repeat (a second tap on "submit", a
    /// submission after the approval) changes nothing, the same risk level assessed again only moves the
    /// assessment's date (<see cref="StepChange.Silent"/>), and a new level is published but is no progress of the
    /// client's (<see cref="StepChange.Reassessed"/>); none of them moves the client's last activity or its stall episode.
    /// </summary>
    public StepChange Record(FunnelDefinition definition, StepReport report)
    {
        if (report.Step == FunnelStep.Rejected)
        {
            return Reject(report);
        }

        // No later than the latest activity: the client did nothing new (the report is only late).
        var late = report.OccurredAt <= LastActivityAt;
        var reachedBefore = reached.Any(r => r.Step == report.Step);
        var furthest = IsFurthest(definition, report);
        // The core system's level may come after a client app recorded the step without one. The latest
        // assessment decides, whatever arrives last; a repeat of the level with a later date moves the
        // date on, so that an assessment between the two, arriving last, cannot take over.
        // (Two assessments at the very same instant: the one that arrives last wins.)
        var newAssessment = report.RiskLevel is not null && (RiskAssessedAt is not { } assessedAt || report.OccurredAt > assessedAt
            || (report.OccurredAt == assessedAt && report.RiskLevel != RiskLevel));
        var newLevel = newAssessment && report.RiskLevel != RiskLevel;
        if (newAssessment)
        {
            RiskLevel = report.RiskLevel;
            RiskAssessedAt = report.OccurredAt;
        }

        if (reachedBefore && !furthest)
        {
            // Neither the current step nor the reached steps move: the client did nothing new.
            return newLevel ? StepChange.Reassessed : newAssessment ? StepChange.Silent : StepChange.None;
        }

        LastActivityAt = late ? LastActivityAt : report.OccurredAt;
        if (report.Step == FunnelStep.Submitted && !(report.OccurredAt <= LastSubmittedAt))
        {
            LastSubmittedAt = report.OccurredAt;
        }

        if (!reachedBefore)
        {
            reached.Add(new ReachedStep(report.Step, report.OccurredAt, report.EventId));
        }

        if (report.Step == FunnelStep.Registered)
        {
            RegisteredAt = report.OccurredAt;
        }

        if (report.Step == FunnelStep.Approved)
        {
            ApprovedAt = report.OccurredAt;
        }

        if (furthest)
        {
            CurrentStep = report.Step;
            InRework &= CurrentStep is not (FunnelStep.Submitted or FunnelStep.Approved);
        }

        var status = StatusAfter(furthest);
        // A late step happened before the last activity, so before any stall: the client did nothing new. It is
        // kept as reached (and, further along, as the current step), but it neither ends a stall episode nor
        // starts one: the status, level and start stay, and the episode's timers with them (TimerScheduler leaves
        // an episode's), so the next level fires on time and level 1 is not armed again in the past. DOMAIN.md's
        // breakpoint recall counts from the last progress, which this step is not; only a step that ends the
        // application (submitted, approved) ends the episode, since a submitted or opened account cannot stall.
        if (late && (!furthest || (Status == FunnelStatus.Stalled && status is FunnelStatus.InProgress or FunnelStatus.Rejected)))
        {
            return StepChange.Progressed;
        }

        Status = status;
        EndStallEpisode();
        return StepChange.Progressed;
    }

    /// <summary>No progress for a threshold: the client is stalled at its current step.</summary>
    public void MarkStalled(int level)
    {
        Status = FunnelStatus.Stalled;
        StallLevel = level;
        StalledSince = LastActivityAt;
    }

    /// <summary>
    /// The first deposit after approval; false when not approved or already funded. A deposit dated
    /// before the approval (kept until it arrived) funds the account from the approval on.
    /// </summary>
    public bool MarkFunded(DateTimeOffset depositedAt)
    {
        if (Status != FunnelStatus.Approved || FundedAt is not null)
        {
            return false;
        }

        FundedAt = depositedAt > ApprovedAt ? depositedAt : ApprovedAt;
        Status = FunnelStatus.Funded;
        return true;
    }

    /// <summary>Approved, still no deposit when the dormant window closed; false when funded or already dormant.</summary>
    public bool MarkDormant(DateTimeOffset at)
    {
        if (Status != FunnelStatus.Approved || DormantAt is not null)
        {
            return false;
        }

        DormantAt = at;
        return true;
    }

    /// <summary>
    /// Whether the step moves the current step. In rework a step that happened before the latest rejection (a late
    /// `submitted` above all) is not rework, and the step the rejection named counts again only while the client
    /// has not redone anything yet (status rejected, or stalled since the rejection): a second tap on it, or the
    /// same step reported again after a stall, does not count twice.
    /// An approval always stands, whatever rejection it follows or precedes.
    /// </summary>
    private bool IsFurthest(FunnelDefinition definition, StepReport report)
    {
        var (position, current) = (definition.PositionOf(report.Step), definition.PositionOf(CurrentStep));
        if (!InRework)
        {
            return position > current;
        }

        var beforeRejection = report.OccurredAt < RejectedAt && report.Step != FunnelStep.Approved;
        var redoPending = Status == FunnelStatus.Rejected || (Status == FunnelStatus.Stalled && StalledSince <= RejectedAt);
        return !beforeRejection && (position > current || (position == current && redoPending));
    }

    private FunnelStatus StatusAfter(bool furthest) => FundedAt is not null ? FunnelStatus.Funded : CurrentStep switch
    {
        FunnelStep.Approved => FunnelStatus.Approved,
        FunnelStep.Submitted => FunnelStatus.Submitted,
        _ when Status == FunnelStatus.Rejected && InRework && !furthest => FunnelStatus.Rejected,
        _ => FunnelStatus.InProgress,
    };

    /// <summary>
    /// Decided by the facts, not by arrival. A rejection as old as the latest one is that rejection reported
    /// again, and one older than it is history: nothing changes. A rejection after the approval is a mistake:
    /// nothing changes. A rejection the client has already answered (older than the approval, or than the latest
    /// submission that progressed, which replaced the rejected one) still happened: it is counted
    /// (<see cref="Resubmissions"/>, <see cref="RejectedAt"/>) as it would have been had it arrived in time, but it
    /// neither reopens the application nor publishes anything (<see cref="StepChange.Silent"/>): no outreach for a
    /// rejection already answered. The last activity stays: the answering submission or approval progressed, so it
    /// is already at least that date, as in date order.
    /// </summary>
    private StepChange Reject(StepReport report)
    {
        if (report.OccurredAt <= RejectedAt || report.OccurredAt >= ApprovedAt)
        {
            return StepChange.None;
        }

        Resubmissions++;
        RejectedAt = report.OccurredAt;
        if (ApprovedAt is not null || report.OccurredAt < LastSubmittedAt)
        {
            return StepChange.Silent;
        }

        LastActivityAt = report.OccurredAt > LastActivityAt ? report.OccurredAt : LastActivityAt;
        Status = FunnelStatus.Rejected;
        CurrentStep = report.BackToStep ?? FunnelStep.Submitted;
        InRework = true;
        EndStallEpisode();
        return StepChange.Progressed;
    }

    private void EndStallEpisode()
    {
        StalledSince = null;
        StallLevel = 0;
    }
}
