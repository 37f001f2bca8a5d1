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

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset LastActivityAt { get; private set; }

    public DateTimeOffset? StalledSince { get; private set; }

    public int Resubmissions { get; private set; }

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

    /// <summary>The completed steps in funnel order.</summary>
    public IEnumerable<FunnelStep> CompletedSteps(FunnelDefinition definition) =>
        reached.Select(r => r.Step).OrderBy(definition.PositionOf);

    public FunnelStep? NextStep(FunnelDefinition definition) =>
        Status is FunnelStatus.Approved or FunnelStatus.Funded ? null : definition.NextAfter(CurrentStep, Channel);

    /// <summary>Applies one step report; returns false when the step had been reached before (nothing changes then).</summary>
    public bool Record(FunnelDefinition definition, StepReport report)
    {
        LastActivityAt = report.OccurredAt > LastActivityAt ? report.OccurredAt : LastActivityAt;
        if (report.Step == FunnelStep.Rejected)
        {
            Status = FunnelStatus.Rejected;
            CurrentStep = report.BackToStep ?? FunnelStep.Submitted;
            Resubmissions++;
            StalledSince = null;
            return true;
        }

        if (reached.Any(r => r.Step == report.Step))
        {
            return false;
        }

        reached.Add(new ReachedStep(report.Step, report.OccurredAt, report.EventId));
        if (report.Step == FunnelStep.Registered)
        {
            RegisteredAt = report.OccurredAt;
        }

        if (report.RiskLevel is not null)
        {
            RiskLevel = report.RiskLevel;
        }

        if (Status == FunnelStatus.Rejected || definition.PositionOf(report.Step) > definition.PositionOf(CurrentStep))
        {
            CurrentStep = report.Step;
        }

        Status = CurrentStep switch
        {
            FunnelStep.Approved => FunnelStatus.Approved,
            FunnelStep.Submitted => FunnelStatus.Submitted,
            _ => FunnelStatus.InProgress,
        };
        StalledSince = null;
        return true;
    }
}

/// <summary>A step reached by a client; unique per (client, step) in the database.</summary>
public sealed record ReachedStep(FunnelStep Step, DateTimeOffset OccurredAt, Guid EventId);

/// <summary>One step event as reported by a client app or a core system.</summary>
public sealed record StepReport(
    Guid EventId, FunnelStep Step, DateTimeOffset OccurredAt, string Channel, string Campaign, string Device, int Attempt,
    string? RiskLevel = null, string? Reason = null, FunnelStep? BackToStep = null);
