using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Progress;
using Platform.Onboarding.Reports;
using Platform.Onboarding.Stalls;

namespace Platform.Onboarding.Funnel;

/// <summary>The answer to one step event.</summary>
public sealed record StepOutcome(string ClientId, string Status, string CurrentStep, string NextStep, bool Duplicate);

/// <summary>
/// Records step events: the client's progress, the answer kept for replays of the event id, and
/// the StepRecorded event in the outbox, all in one transaction. Events of one client are
/// serialised by a transaction-scoped advisory lock on the client id, which also covers the
/// client's very first event, before any row exists to lock.
/// </summary>
public sealed class FunnelStore(
    OnboardingDbContext db, FunnelDefinitionStore definitions, TimerScheduler timers, ProgressCache progress,
    TimeProvider time, FunnelTelemetry telemetry, FunnelReportProjection reportProjection)
{
    /// <summary>Records one step of <paramref name="funnelName"/>; throws <see cref="FunnelRequestException"/> for a request the funnel cannot take.</summary>
    public async Task<StepOutcome> RecordAsync(string clientId, string funnelName, StepReport report, CancellationToken cancellationToken)
    {
        var latest = (await definitions.GetLatestAsync(funnelName, cancellationToken))?.Definition
            ?? throw new FunnelRequestException("funnel", $"unknown funnel '{funnelName}'");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientId}, 0))", cancellationToken);

        if (await db.RecordedStepEvents.AsNoTracking().FirstOrDefaultAsync(e => e.EventId == report.EventId, cancellationToken) is { } earlier)
        {
            telemetry.Duplicate();
            return AsDuplicate(earlier);
        }

        var funnel = await db.ClientFunnels.FirstOrDefaultAsync(f => f.ClientId == clientId, cancellationToken);
        var definition = funnel is null ? latest : await ClientDefinitionAsync(funnel, funnelName, cancellationToken);
        CheckStepsBelongTo(definition, report);
        var before = funnel is null ? null : ReportContribution.Of(funnel, definition);
        if (funnel is null)
        {
            funnel = ClientFunnel.Start(clientId, definition, report);
            db.ClientFunnels.Add(funnel);
        }

        var changed = funnel.Record(definition, report);
        var after = ReportContribution.Of(funnel, definition);
        await reportProjection.ApplyAsync(before, after, cancellationToken);
        var now = time.GetUtcNow();
        var outcome = new StepOutcome(clientId, funnel.Status.ToWireName(), funnel.CurrentStep.ToWireName(),
            funnel.NextStep(definition)?.ToWireName() ?? string.Empty, Duplicate: false);
        db.RecordedStepEvents.Add(new RecordedStepEvent
        {
            EventId = report.EventId, ClientId = clientId, Status = outcome.Status, CurrentStep = outcome.CurrentStep,
            NextStep = outcome.NextStep, RecordedAt = now,
        });
        if (changed)
        {
            db.AddOutboxEvent(Topics.OnboardingEvents, clientId, ToEvent(funnel, report), now, report.OccurredAt);
            AddMilestoneEvent(funnel, report, now);
            await timers.ScheduleStallAsync(funnel, latest, cancellationToken);
            if (report.Step == FunnelStep.Approved)
            {
                await timers.ScheduleDormantAsync(funnel, latest, cancellationToken);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same event id arrived for another client id at the same moment; its first answer stands.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var first = await db.RecordedStepEvents.AsNoTracking().SingleAsync(e => e.EventId == report.EventId, cancellationToken);
            return AsDuplicate(first);
        }

        telemetry.Recorded(report.Step, changed);
        if (changed)
        {
            await progress.RefreshAsync(funnel, cancellationToken);
        }

        return outcome;
    }

    /// <summary>A client stays on the version it started with.</summary>
    private async Task<FunnelDefinition> ClientDefinitionAsync(ClientFunnel funnel, string funnelName, CancellationToken cancellationToken)
    {
        if (funnel.Funnel != funnelName)
        {
            throw new FunnelRequestException("funnel", $"the client is in funnel '{funnel.Funnel}'");
        }

        return await definitions.GetAsync(funnel.Funnel, funnel.FunnelVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Funnel {funnel.Funnel} v{funnel.FunnelVersion} is missing.");
    }

    private static void CheckStepsBelongTo(FunnelDefinition definition, StepReport report)
    {
        if (report.Step != FunnelStep.Rejected && !definition.Contains(report.Step))
        {
            throw new FunnelRequestException("step", $"not a step of funnel {definition.Name} v{definition.Version}");
        }

        if (report.BackToStep is { } back && !definition.Contains(back))
        {
            throw new FunnelRequestException("backToStep", $"not a step of funnel {definition.Name} v{definition.Version}");
        }
    }

    /// <summary>Rejection and approval are facts of their own that other services react to.</summary>
    private void AddMilestoneEvent(ClientFunnel funnel, StepReport report, DateTimeOffset now)
    {
        if (report.Step == FunnelStep.Rejected)
        {
            db.AddOutboxEvent(Topics.OnboardingEvents, funnel.ClientId, new ApplicationRejected
            {
                ClientId = funnel.ClientId, Funnel = funnel.Funnel, Reason = report.Reason ?? string.Empty,
                BackToStep = funnel.CurrentStep.ToWireName(), Resubmissions = funnel.Resubmissions,
                OccurredAt = Timestamp.FromDateTimeOffset(report.OccurredAt), Channel = funnel.Channel, Campaign = funnel.Campaign,
            }, now, report.OccurredAt);
        }
        else if (report.Step == FunnelStep.Approved)
        {
            db.AddOutboxEvent(Topics.OnboardingEvents, funnel.ClientId, new AccountApproved
            {
                ClientId = funnel.ClientId, Funnel = funnel.Funnel, OccurredAt = Timestamp.FromDateTimeOffset(report.OccurredAt),
                RiskLevel = funnel.RiskLevel ?? string.Empty, Channel = funnel.Channel, Campaign = funnel.Campaign,
                RegisteredAt = Timestamp.FromDateTimeOffset(funnel.RegisteredAt),
            }, now, report.OccurredAt);
        }
    }

    /// <summary>The resume point: Redis first, then the database (which refreshes Redis); null for an unknown client.</summary>
    public async Task<ProgressReply?> GetProgressAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await progress.GetAsync(clientId) is { } cached)
        {
            return cached;
        }

        var funnel = await db.ClientFunnels.AsNoTracking().FirstOrDefaultAsync(f => f.ClientId == clientId, cancellationToken);
        return funnel is null ? null : await progress.RefreshAsync(funnel, cancellationToken);
    }

    private static StepOutcome AsDuplicate(RecordedStepEvent earlier) =>
        new(earlier.ClientId, earlier.Status, earlier.CurrentStep, earlier.NextStep, Duplicate: true);

    private static StepRecorded ToEvent(ClientFunnel funnel, StepReport report) => new()
    {
        ClientId = funnel.ClientId,
        Funnel = funnel.Funnel,
        FunnelVersion = funnel.FunnelVersion,
        Step = report.Step.ToWireName(),
        OccurredAt = Timestamp.FromDateTimeOffset(report.OccurredAt),
        Channel = funnel.Channel,
        Campaign = funnel.Campaign,
        Device = report.Device,
        Attempt = report.Attempt,
        Status = funnel.Status.ToWireName(),
        CurrentStep = funnel.CurrentStep.ToWireName(),
        RiskLevel = funnel.RiskLevel ?? string.Empty,
        RegisteredAt = Timestamp.FromDateTimeOffset(funnel.RegisteredAt),
    };
}
