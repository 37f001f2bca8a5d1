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

    public int Resubmissions { get; private set; }

    /// <summary>When the latest rejection happened: steps older than it are not rework.</summary>
    public DateTimeOffset? RejectedAt { get; private set; }

    /// <summary>
    /// The latest submission's date (not the first, which <see cref="Reached"/> keeps): a rejection older than
    /// it was of an earlier submission, and is history.
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
    /// Applies one step report; returns false when it changes nothing (a step reached before,
    /// outside rework, or a rejection the facts overrule). A step reached late or out of order is
    /// kept, but only a step further along moves the current step; after a rejection, steps from
    /// the named one onwards that happened after it move it again until the client submits anew.
    /// </summary>
    public bool Record(FunnelDefinition definition, StepReport report)
    {
        if (report.Step == FunnelStep.Rejected)
        {
            return Reject(report);
        }

        // No later than the latest activity: the client did nothing new (the report is only late).
        var late = report.OccurredAt <= LastActivityAt;
        LastActivityAt = report.OccurredAt > LastActivityAt ? report.OccurredAt : LastActivityAt;
        var reachedBefore = reached.Any(r => r.Step == report.Step);
        if (!reachedBefore)
        {
            reached.Add(new ReachedStep(report.Step, report.OccurredAt, report.EventId));
        }

        // A step that happened before the latest rejection (a late `submitted` above all) is not rework;
        // an approval always stands, whatever rejection it follows or precedes.
        var beforeRejection = report.OccurredAt < RejectedAt && report.Step != FunnelStep.Approved;
        var furthest = InRework
            ? !beforeRejection && definition.PositionOf(report.Step) >= definition.PositionOf(CurrentStep)
            : definition.PositionOf(report.Step) > definition.PositionOf(CurrentStep);
        // The core system's level may come after a client app recorded the step without one. The latest
        // assessment decides, whatever arrives last; a repeat of the level with a later date moves the
        // date on, so that an assessment between the two, arriving last, cannot take over.
        // (Two assessments at the very same instant: the one that arrives last wins.)
        var newRiskLevel = report.RiskLevel is not null && (RiskAssessedAt is not { } assessedAt || report.OccurredAt > assessedAt
            || (report.OccurredAt == assessedAt && report.RiskLevel != RiskLevel));
        // Kept even when the step was reached before: a resubmission that arrived before the older rejection
        // must still overrule it.
        var newSubmission = report.Step == FunnelStep.Submitted && !(report.OccurredAt <= LastSubmittedAt);
        if (newSubmission)
        {
            LastSubmittedAt = report.OccurredAt;
        }

        if (reachedBefore && !furthest && !newRiskLevel && !newSubmission)
        {
            return false;
        }

        if (report.Step == FunnelStep.Registered)
        {
            RegisteredAt = report.OccurredAt;
        }

        if (newRiskLevel)
        {
            RiskLevel = report.RiskLevel;
            RiskAssessedAt = report.OccurredAt;
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

        if (late && !furthest)
        {
            // Kept as reached (and its level or submission date), but it neither ends a stall episode nor starts
            // one: its status, level and start stay, and its timers with them (TimerScheduler leaves an episode's).
            return true;
        }

        Status = FundedAt is not null ? FunnelStatus.Funded : CurrentStep switch
        {
            FunnelStep.Approved => FunnelStatus.Approved,
            FunnelStep.Submitted => FunnelStatus.Submitted,
            _ when Status == FunnelStatus.Rejected && InRework && !furthest => FunnelStatus.Rejected,
            _ => FunnelStatus.InProgress,
        };
        EndStallEpisode();
        return true;
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
    /// Decided by the facts, not by arrival: an opened account is never reopened (the rejection is
    /// older than the approval, or a mistake after it), and a rejection older than the latest one, or
    /// than the latest submission (it rejected an earlier one, which the client has since replaced), is
    /// history. Either changes nothing: no status, no event, no stall timer.
    /// </summary>
    private bool Reject(StepReport report)
    {
        if (ApprovedAt is not null || FundedAt is not null || report.OccurredAt < RejectedAt || report.OccurredAt < LastSubmittedAt)
        {
            return false;
        }

        LastActivityAt = report.OccurredAt > LastActivityAt ? report.OccurredAt : LastActivityAt;
        Status = FunnelStatus.Rejected;
        CurrentStep = report.BackToStep ?? FunnelStep.Submitted;
        InRework = true;
        Resubmissions++;
        RejectedAt = report.OccurredAt;
        EndStallEpisode();
        return true;
    }

    private void EndStallEpisode()
    {
        StalledSince = null;
        StallLevel = 0;
    }
}
